"""ita-report: the ITA integrity-measures report of a Thai agency, from one Excel workbook."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ita-report")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
