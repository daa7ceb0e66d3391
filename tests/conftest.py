"""Fixtures shared by the reader, check and CLI tests.

Test workbooks are made in code (``tests/workbooks.py``) under ``tmp_path``; the example
workbook is the seed report transcribed (``examples/plan.xlsx``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from ita_report.cli import app
from ita_report.read.workbook import Loaded, load_workbook
from ita_report.render.cache import CACHE_DIR_ENV
from tests.workbook_helpers import EXAMPLE, write_workbook


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The compiled templates go to a folder of this test session, never the user's cache.

    Set in the environment, so that the commands tests run as subprocesses use it too.
    """
    folder = tmp_path_factory.mktemp("ita-report-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_DIR_ENV, str(folder))
        yield folder


@pytest.fixture
def example() -> Path:
    return EXAMPLE


@pytest.fixture
def make_workbook(tmp_path: Path) -> Callable[..., Path]:
    """``make_workbook(name="plan.xlsx", **options of write_workbook)`` → its path."""

    def make(name: str = "plan.xlsx", **options: Any) -> Path:
        return write_workbook(tmp_path / name, **options)

    return make


@pytest.fixture
def read(make_workbook: Callable[..., Path]) -> Callable[..., Loaded]:
    """``read(**options of write_workbook)``: build a workbook and read it."""

    def build_and_read(**options: Any) -> Loaded:
        return load_workbook(make_workbook(**options))

    return build_and_read


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run ``ita-report ARGS…`` in-process.

    stdout and stderr are kept apart (``result.stdout``, ``result.stderr``); ``result.output`` is
    both, as a terminal would show them. A wide terminal keeps rich from wrapping Thai text, and
    an exception that escapes the CLI fails the test with its traceback instead of being hidden.
    """
    runner = CliRunner()

    def run(*args: str | Path) -> Result:
        return runner.invoke(
            app, [str(arg) for arg in args], env={"COLUMNS": "200"}, catch_exceptions=False
        )

    return run
