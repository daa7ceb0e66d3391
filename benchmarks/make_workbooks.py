"""Workbooks for the benchmark, in the layout of ``examples/plan.xlsx``.

- ``copies(folder, n)``: n copies of the example, each with its own agency name, for the batches;
- ``large(path, measures, methods)``: a workbook of ``measures`` × ``methods`` rows with method,
  result and suggestion texts of the lengths real agencies type (drawn from the example, which
  transcribes a real report), a mix of statuses, merged measure cells and real dates.

Both reuse ``examples/make_example.py`` so that the layout (title row, header in row 3, merged
measure cells, date formats, the units sheet) is exactly the example's.

Run on its own to look at the files::

    .venv/bin/python benchmarks/make_workbooks.py /tmp/bench-workbooks
"""

from __future__ import annotations

import importlib.util
import random
import sys
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any
from xml.sax.saxutils import escape

from ita_report.write.xlsx import workbook_bytes

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "plan.xlsx"
EXAMPLE_AGENCY = "เทศบาลตำบลพะโต๊ะ"

_PREFIXES = ("เทศบาลตำบล", "องค์การบริหารส่วนตำบล", "เทศบาลเมือง")
_FIRST = ("บ้าน", "หนอง", "ท่า", "ดอน", "นา", "โคก", "ห้วย", "บาง", "วัง", "ทุ่ง", "โนน", "สระ")
_SECOND = (
    "ใหม่", "กลาง", "ทอง", "แก้ว", "หลวง", "น้อย", "ยาง", "ไผ่", "โพธิ์", "สะแก", "ขาม", "บัว",
    "จันทร์", "ตะเคียน", "มะม่วง", "เตย", "ช้าง", "ลำดวน", "ประดู่", "สำโรง", "ขี้เหล็ก", "แดง",
    "เหนือ", "ใต้", "ตะวันออก", "พัฒนา", "สามัคคี", "เจริญ",
)  # fmt: skip
_EXTRA_MEASURES = ("การพัฒนาบุคลากรด้านคุณธรรม", "การมีส่วนร่วมของประชาชนและภาคีเครือข่าย")


def agency_names() -> Iterator[str]:
    """Plausible, distinct names of Thai local agencies (1,008 before they repeat)."""
    while True:
        for second in _SECOND:
            for first in _FIRST:
                for prefix in _PREFIXES:
                    yield prefix + first + second


def _example_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_example", ROOT / "examples" / "make_example.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def copies(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the example under ``folder``, each naming a different agency.

    Only the agency name cell changes (patched in the zip, so that 1,000 copies take a second,
    not the minute openpyxl would need): every copy is a valid 10 × 29 workbook.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(EXAMPLE) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    agency_part = _agency_part(entries)
    old = _cell_text(EXAMPLE_AGENCY)
    paths = []
    for index, name in zip(range(count), agency_names(), strict=False):
        path = folder / f"agency-{index + 1:04d}.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for info, data in entries:
                if info.filename == agency_part:
                    data = data.replace(old, _cell_text(name), 1)
                target.writestr(info, data)
        paths.append(path)
    return paths


def _agency_part(entries: list[tuple[zipfile.ZipInfo, bytes]]) -> str:
    """The sheet part holding the agency name (``xl/worksheets/sheet1.xml`` in the example)."""
    old = _cell_text(EXAMPLE_AGENCY)
    for info, data in entries:
        if info.filename.startswith("xl/worksheets/") and old in data:
            return info.filename
    raise SystemExit(f"{EXAMPLE}: the agency name {EXAMPLE_AGENCY} was not found in a sheet")


def _cell_text(text: str) -> bytes:
    """The text as openpyxl writes an inline string: non-ASCII as character references."""
    escaped = escape(text)
    return f"<t>{escaped.encode('ascii', 'xmlcharrefreplace').decode('ascii')}</t>".encode()


def large(
    path: Path, measures: int, methods: int, *, merge_units: bool = False, seed: int = 2564
) -> Path:
    """A workbook of ``measures`` measures with ``methods`` methods each, like a real one.

    With ``merge_units``, the responsible cells of consecutive methods of a measure that share a
    unit are merged, as clerks often do: the number of merged ranges grows with the methods.
    """
    example = _example_module()
    rng = random.Random(seed)
    pool = [method for measure in example.MEASURES for method in measure.methods]
    titles = [measure.title.split(". ", 1)[1] for measure in example.MEASURES]
    titles += list(_EXTRA_MEASURES)
    start_of_year = date(2020, 10, 1)
    built = []
    for m in range(measures):
        rows = []
        for k in range(methods):
            model = pool[(m * methods + k) % len(pool)]
            text = model.text.split(". ", 1)[-1]
            result = model.result
            draw = rng.random()
            if draw < 0.8:
                status = example.DONE
            elif draw < 0.93:
                status, result = example.IN_PROGRESS, "อยู่ระหว่างดำเนินการ"
            else:
                status, result = example.NOT_STARTED, ""
            first_month = rng.randrange(0, 9)
            start = _add_months(start_of_year, first_month)
            end = _add_months(start, rng.randrange(1, 12 - first_month)) - _ONE_DAY
            rows.append(
                example.Method(
                    f"{k + 1}. {text}",
                    model.responsible,
                    (start, end),
                    result,
                    status,
                    model.suggestion or ("ควรดำเนินการต่อเนื่องในปีงบประมาณถัดไป" if k % 4 == 0 else ""),
                )
            )
        title = titles[m % len(titles)]
        built.append(example.Measure(f"{m + 1}. {title}", tuple(rows)))
    # make_example writes from its module-level MEASURES; give it ours.
    example.MEASURES = tuple(built)
    workbook = example.build_workbook()
    workbook["หน่วยงาน"]["B2"] = f"{_PREFIXES[1]}ทดสอบ {measures}×{methods}"
    if merge_units:
        _merge_units(workbook["มาตรการ"], built, example.FIRST_DATA_ROW)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(workbook_bytes(workbook))
    return path


def _merge_units(sheet: Any, measures: list[Any], first_row: int) -> None:
    """Merge each run of equal responsible cells (column C) within a measure."""
    row = first_row
    for measure in measures:
        units = [method.responsible for method in measure.methods]
        start = 0
        for index in range(1, len(units) + 1):
            if index == len(units) or units[index] != units[start]:
                if index - start > 1:
                    sheet.merge_cells(f"C{row + start}:C{row + index - 1}")
                start = index
        row += len(units)


_ONE_DAY = date(2021, 1, 2) - date(2021, 1, 1)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1, day=1)


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("bench-workbooks")
    print(large(folder / "large-12x60.xlsx", 12, 60))
    print(large(folder / "small-12x6.xlsx", 12, 6))
    print(large(folder / "merged-12x60.xlsx", 12, 60, merge_units=True))
    print(f"{len(copies(folder / 'batch-5', 5))} copies in {folder / 'batch-5'}")


if __name__ == "__main__":
    main()
