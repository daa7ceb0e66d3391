"""ita-report: the ITA integrity-measures report of a Thai agency, from one Excel workbook."""

# The one place the version is written (pyproject.toml reads it): importlib.metadata would
# cost every command ~30 ms at start-up.
__version__ = "0.1.0"
