"""The command line: the only code that prints or exits, and all of it in Thai.

- ``app``: the commands (typer), each a thin layer of options over one call to the core;
  ``cycle``: ``init`` and ``summary``; ``params``: the options they share and their parsers;
- ``thai_click``: typer's command and group classes with usage, help and ``-h`` in Thai;
  ``usage``: click's usage errors said in Thai from their fields;
- ``console``: everything shown on a console (problems, ``check``'s table, ``build``'s progress);
  ``wrap`` and ``segment``: Thai lines broken between words (``thai_words.tis620``, the words);
- ``json_output``: the JSON documents of ``check --json`` and ``build --json``.

This package itself imports nothing of them: the console script enters at :func:`main`, which
answers ``ita-report --version`` before typer and rich are loaded (they cost several times the
interpreter's own start-up), and ``app`` is imported on first use.
"""

from __future__ import annotations

import sys

#: ``typing`` alone costs a third of the interpreter's start-up; mypy reads this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType
    from typing import Any

    from ita_report.cli.app import app

#: What ``ita-report --version`` answers with, before anything else is imported.
VERSION_ARGS = ["--version"]


def main() -> None:
    """Console-script entry point: ``--version`` at once, any other command through typer.

    Only the exact ``ita-report --version`` takes the short way: with other arguments too, click
    decides (an unknown option after it is still a usage error), as it always has.
    """
    if sys.argv[1:] == VERSION_ARGS:
        from ita_report import version_line

        sys.stdout.write(version_line() + "\n")
        return
    _commands().main()


def __getattr__(name: str) -> Any:
    """``from ita_report.cli import app`` (tests, scripts) still works, loading typer then."""
    if name == "app":
        return _commands().app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _commands() -> ModuleType:
    """The module of the commands, imported; this package's ``app`` is then the Typer app.

    Importing ``ita_report.cli.app`` makes the module an attribute of this package, under the
    name that has always meant the Typer app here: the app is put back in its place.
    """
    from importlib import import_module

    module = import_module("ita_report.cli.app")
    globals()["app"] = module.app
    return module


__all__ = ["app", "main"]
