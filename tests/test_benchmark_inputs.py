"""The benchmark's generated workbooks are valid ones: the speed figures measure real work."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from ita_report.read.workbook import load_workbook

ROOT = Path(__file__).resolve().parents[1]


def _make_workbooks():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "make_workbooks", ROOT / "benchmarks" / "make_workbooks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_large_and_copied_workbooks_read_without_errors(tmp_path: Path) -> None:
    make = _make_workbooks()
    large = make.large(tmp_path / "large.xlsx", 3, 4, merge_units=True)
    copies = make.copies(tmp_path / "batch", 3)

    loaded = load_workbook(large)
    assert loaded.errors == []
    assert loaded.plan is not None and len(loaded.plan.methods) == 12
    names = set()
    for copy in copies:
        plan = load_workbook(copy).plan
        assert plan is not None and len(plan.methods) == 29
        names.add(plan.agency.name)
    assert len(names) == 3
