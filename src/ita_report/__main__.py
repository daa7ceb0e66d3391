"""``python -m ita_report`` runs the CLI."""

from ita_report.cli import main

main()
