"""The command line: the only code that prints or exits, and all of it in Thai.

- ``app``: the commands (typer), each a thin layer of options over one call to the core;
  ``cycle``: ``init`` and ``summary``; ``params``: the options they share and their parsers;
- ``thai_click``: typer's command and group classes with usage, help and ``-h`` in Thai;
  ``usage``: click's usage errors said in Thai from their fields;
- ``console``: everything shown on a console (problems, ``check``'s table, ``build``'s progress);
  ``wrap`` and ``segment``: Thai lines broken between words (``thai_words.zlib``, the words);
- ``json_output``: the JSON documents of ``check --json`` and ``build --json``.
"""

from ita_report.cli.app import app, main

__all__ = ["app", "main"]
