"""The command line: the only code that prints or exits.

- ``app``: the commands (typer), each a thin layer of options over one call to the core;
- ``console``: everything shown on a console (problems, ``check``'s table, ``build``'s progress);
- ``json_output``: the JSON documents of ``check --json`` and ``build --json``.
"""

from ita_report.cli.app import app, main

__all__ = ["app", "main"]
