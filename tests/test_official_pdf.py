"""The PDF as a Thai official document: page numbers, ``(ต่อ)`` on carried-over measures, fonts.

Read back from the PDF with ``pdftotext -bbox``, as a reader sees the pages: every page from the
second carries ``- ๒ -`` (``- 2 -`` with ``--digits arabic``) centred in its top margin; every
page whose first row carries on a measure shows that measure's title with ``(ต่อ)`` in the first
column; the example fits in fewer pages than the 11 it took before; every font is embedded.
All variants are converted by one LibreOffice run (a module fixture).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from ita_report.model import Plan
from ita_report.read.workbook import load_workbook
from ita_report.render import Digits, ReportKind
from ita_report.write.pdf import convert_to_pdf
from tests.official_pdf_helpers import (
    Page,
    check_page_numbers,
    continued_pages,
    geometry,
    pages,
)
from tests.pdf_helpers import needs_libreoffice, pdf_text, poppler
from tests.render_helpers import render
from tests.workbook_helpers import EXAMPLE

pytestmark = [
    pytest.mark.libreoffice,
    needs_libreoffice,
]

ROOT = Path(__file__).resolve().parents[1]
#: The example took 11 pages before the layout was tightened (issue 12).
PAGES_BEFORE = 11


@dataclass(frozen=True)
class Built:
    plan: Plan
    docx: Path
    pdf: Path
    thai: bool

    @property
    def pages(self) -> list[Page]:
        return pages(self.pdf)


def large_plan(folder: Path) -> Plan:
    """The benchmark's 12 measures × 60 methods, written as a clerk's workbook and read back."""
    spec = importlib.util.spec_from_file_location(
        "make_workbooks", ROOT / "benchmarks" / "make_workbooks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_workbooks", module)
    spec.loader.exec_module(module)
    path = module.large(folder / "large-12x60.xlsx", 12, 60)
    plan = load_workbook(path).plan
    assert plan is not None
    return plan


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    folder = tmp_path_factory.mktemp("official")
    example = load_workbook(EXAMPLE).plan
    assert example is not None
    variants = {
        "example": (example, ReportKind.RESULTS, Digits.THAI),
        "plan": (example, ReportKind.PLAN, Digits.THAI),
        "arabic": (example, ReportKind.RESULTS, Digits.ARABIC),
        "large": (large_plan(folder), ReportKind.RESULTS, Digits.THAI),
    }
    docs = {}
    for name, (plan, kind, digits) in variants.items():
        docx = folder / f"{name}.docx"
        docx.write_bytes(render(plan, kind=kind, digits=digits))
        docs[name] = docx
    warnings: list[tuple[Path, str]] = []
    convert_to_pdf(list(docs.values()), timeout=600, warnings=warnings)
    return {
        name: Built(plan, docs[name], docs[name].with_suffix(".pdf"), digits is Digits.THAI)
        for name, (plan, _, digits) in variants.items()
    }


@pytest.mark.parametrize("name", ["example", "plan", "arabic", "large"])
def test_every_page_from_the_second_has_its_number_top_centre(
    built: dict[str, Built], name: str
) -> None:
    report = built[name]
    check_page_numbers(report.pages, geometry(report.docx), thai=report.thai)


@pytest.mark.parametrize("name", ["example", "plan", "arabic", "large"])
def test_every_page_that_carries_on_a_measure_shows_its_title_with_tor(
    built: dict[str, Built], name: str
) -> None:
    report = built[name]
    continued = continued_pages(report.pages, geometry(report.docx), report.plan, thai=report.thai)
    assert continued, "the report should have measures carried over to a new page"
    # ... and nowhere else: once in the first column of each of those pages, never elsewhere.
    right = geometry(report.docx).first_column_right + 1
    for number, page in enumerate(report.pages, 1):
        text = "".join(word.text for word in page.words if word.right <= right)
        assert "ต่อ)" not in "".join(w.text for w in page.words if w.left > right)
        assert text.count("(ต่อ)") == (number in continued), f"page {number}"


def test_the_example_fits_in_fewer_pages_than_before(built: dict[str, Built]) -> None:
    count = len(built["example"].pages)
    assert count == 10 < PAGES_BEFORE
    assert len(built["arabic"].pages) == count  # digits do not change the layout


def test_the_digits_option_reaches_the_page_numbers_and_nothing_else_is_arabic(
    built: dict[str, Built],
) -> None:
    thai = pdf_text(built["example"].pdf)
    assert not re.search(r"[0-9]", thai)
    arabic = pdf_text(built["arabic"].pdf)
    assert not re.search(r"[๐-๙]", arabic)


def test_the_pdf_embeds_every_font_and_has_no_extra_pages(built: dict[str, Built]) -> None:
    for report in built.values():
        fonts = poppler("pdffonts", str(report.pdf)).splitlines()[2:]
        assert fonts, report.pdf
        assert all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
        text = pdf_text(report.pdf)
        assert "๐๑๒๓๔๕๖๗๘๙" not in text and "0123456789" not in text  # the glyph page is gone
    # The summary is still the last thing printed: no page of the copy's own is left over.
    last = built["example"].pages[-1]
    assert any("สรุปผลการดำเนินการ" in word.text for word in last.words) or any(
        "ผู้รายงาน" in word.text for word in last.words
    )


def test_build_says_which_font_replaced_th_sarabunpsk(tmp_path: Path) -> None:
    """``build --pdf`` names the font LibreOffice used when TH SarabunPSK is not installed (a
    warning, exit 0), in the console and in ``--json``; where it is installed, says nothing."""
    import json
    import subprocess

    ita_report = Path(sys.executable).with_name("ita-report")
    family = poppler("fc-match", "-f", "%{family}", "TH SarabunPSK").split(",")[0]
    substituted = "sarabun" not in family.lower()
    report = tmp_path / "plan.docx"
    shown = subprocess.run(
        [str(ita_report), "build", str(EXAMPLE), "-o", str(report), "--pdf"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert shown.returncode == 0, shown.stderr
    said = f"คำเตือน: {EXAMPLE}: {report.with_suffix('.pdf')}: เครื่องนี้ไม่มีฟอนต์ TH SarabunPSK"
    assert (said in shown.stderr) is substituted, shown.stderr
    if substituted:
        assert f"จึงใช้ฟอนต์ {family} แทน" in shown.stderr
    as_json = subprocess.run(
        [str(ita_report), "build", str(EXAMPLE), "-o", str(report), "--pdf", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    document = json.loads(as_json.stdout)
    assert len(document["pdf_warnings"]) == int(substituted)
    if substituted:
        assert document["pdf_warnings"][0]["path"] == str(report.with_suffix(".pdf"))
        warnings = document["workbooks"][0]["warnings"]
        assert any(w["cell"] == str(report.with_suffix(".pdf")) for w in warnings), warnings
