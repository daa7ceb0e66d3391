"""ita-report: the ITA integrity-measures report of a Thai agency, from one Excel workbook."""

# The one place the version is written (pyproject.toml reads it): importlib.metadata would
# cost every command ~30 ms at start-up.
__version__ = "0.1.0"


def version_line() -> str:
    """What ``ita-report --version`` prints (answered early by ``cli.main``, or by click)."""
    return f"ita-report {__version__}"


#: The package's folder, where a wheel and a checkout both put its data files.
_PACKAGE_FOLDER: str = __path__[0]


def package_file(*parts: str) -> bytes:
    """The bytes of a data file shipped inside the package (``package_file("templates", …)``).

    Read from the package's folder, where a wheel and a checkout both put it: going through
    ``importlib.resources`` costs a command several milliseconds of imports for the same path.
    Only a package imported from a zip (no folder to read) asks ``importlib.resources``.
    """
    from pathlib import Path  # here: ``--version`` loads this package, and needs no pathlib

    try:
        return Path(_PACKAGE_FOLDER, *parts).read_bytes()
    except OSError:
        from importlib import resources

        return resources.files("ita_report").joinpath(*parts).read_bytes()
