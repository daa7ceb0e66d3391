"""A workbook as it prints: each sheet through LibreOffice Calc to PDF, read back with poppler.

Calc draws what a clerk sees on paper, and ``pdftotext -bbox`` gives every word it drew with its
box, page by page. From those two a test can say what a person would: whether lines are drawn
over one another (two word boxes overlap), whether any text of the sheet is missing from paper
(cut off, or on a column that was never printed), what size and orientation the pages are, and
whether the header rows come back on every page.

Each sheet is printed on its own (a copy of the workbook where every other sheet is hidden, as
Calc prints no hidden sheet), so pages are known to belong to their sheet. All copies go through
one ``soffice`` run with a profile of its own, so tests can run beside a desktop LibreOffice.

Used by ``tests/test_workbook_print.py`` on every workbook ``init`` writes, and by
``docs/make-workbook-pictures.sh``; the same :func:`check_printed` applies to any workbook
ita-report writes (``init --from``, ``summary``)::

    report = check_printed(path, tmp_path, header_rows={"มาตรการ": [3]})
    assert not report.problems(), "\n".join(report.problems())
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import combinations, count
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from ita_report.labels import MEASURES_SHEET
from ita_report.model import Status
from ita_report.write.sheet_layout import fit_row_heights
from ita_report.write.workbook import FIRST_ENTRY_ROW, HEADER_ROW, format_entry_row
from tests.init_helpers import TITLES, fill_in

#: Two word boxes that share at most this area (pt²) do not overlap: pdftotext splits a Thai
#: word around a combining mark into pieces that touch by a hair (0.02 pt), and that is no
#: overlap a reader sees. Two lines drawn over one another share tens of pt².
OVERLAP_TOLERANCE = 1.0

#: A4 in points, as Calc writes it (210 × 297 mm).
A4 = (841.89, 595.30)

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', re.S
)
#: What text is compared without: whitespace, and the Thai vowels and tone marks written above
#: or below a letter, which pdftotext splits off as words of their own, in no fixed order.
_NOT_COMPARED = re.compile(r"[\s\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+")


@dataclass(frozen=True)
class Word:
    """One word as pdftotext found it, with its box in points from the page's top left."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlap(self, other: Word) -> float:
        """The area (pt²) this box shares with ``other``."""
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.y1, other.y1) - max(self.y0, other.y0)
        return width * height if width > 0 and height > 0 else 0.0


@dataclass(frozen=True)
class Page:
    """A printed page: its size in points, its words and its text."""

    width: float
    height: float
    words: tuple[Word, ...] = field(repr=False)
    #: The page's text in the order it was drawn, as :func:`squeeze` leaves it.
    text: str = field(repr=False)

    def overlaps(self, tolerance: float = OVERLAP_TOLERANCE) -> list[tuple[Word, Word]]:
        """Pairs of words drawn over one another."""
        return [(a, b) for a, b in combinations(self.words, 2) if a.overlap(b) > tolerance]


def soffice() -> str | None:
    """The LibreOffice program, or None where it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def squeeze(text: str) -> str:
    """``text`` as compared with what is on paper: its letters and signs in order, without
    whitespace or Thai marks (pdftotext splits Thai lines into words where it likes)."""
    return _NOT_COMPARED.sub("", text)


def print_sheets(workbook: Path, work_dir: Path) -> dict[str, list[Page]]:
    """Each sheet of ``workbook`` printed by Calc on its own: sheet name → its pages."""
    names = openpyxl.load_workbook(workbook, read_only=True).sheetnames
    copies = [work_dir / f"{workbook.stem}.sheet{index + 1}.xlsx" for index in range(len(names))]
    for index, single in enumerate(copies):
        _only_sheet_visible(workbook, single, index)
    pdfs = calc_to_pdf(copies, work_dir)
    return {name: pdf_pages(pdf) for name, pdf in zip(names, pdfs, strict=True)}


def calc_to_pdf(workbooks: Sequence[Path], out_dir: Path) -> list[Path]:
    """Print ``workbooks`` to PDFs in ``out_dir`` in one Calc run; the PDFs, in order."""
    program = soffice()
    assert program, "printing a workbook needs LibreOffice (soffice)"
    profile = Path("/tmp") / f"ita-report-print-{uuid.uuid4().hex}"
    try:
        subprocess.run(
            [
                program,
                "--headless",
                f"-env:UserInstallation={profile.as_uri()}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *map(str, workbooks),
            ],
            capture_output=True,
            check=True,
            timeout=300,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdfs = [out_dir / f"{workbook.stem}.pdf" for workbook in workbooks]
    missing = [pdf.name for pdf in pdfs if not pdf.is_file()]
    assert not missing, f"Calc wrote no {missing}"
    return pdfs


def pdf_pages(pdf: Path) -> list[Page]:
    """The pages of ``pdf``: their words with boxes (``pdftotext -bbox``), and their text in
    the order Calc drew it (``-raw``), where a cell's wrapped lines follow one another instead
    of being interleaved with the lines of the cells beside it."""
    xhtml = _pdftotext("-bbox", pdf)
    drawn = _pdftotext("-raw", pdf).split("\f")
    return [
        Page(
            float(width),
            float(height),
            tuple(
                Word(html.unescape(text), float(x0), float(y0), float(x1), float(y1))
                for x0, y0, x1, y1, text in _WORD.findall(body)
            ),
            squeeze(text),
        )
        for (width, height, body), text in zip(_PAGE.findall(xhtml), drawn, strict=False)
    ]


def _pdftotext(option: str, pdf: Path) -> str:
    assert shutil.which("pdftotext"), "reading a printed workbook needs poppler-utils"
    command = ["pdftotext", option, str(pdf), "-"]
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout


def _only_sheet_visible(source: Path, target: Path, keep: int) -> None:
    """Copy ``source`` to ``target`` with every sheet but the ``keep``-th hidden, and it active.

    Only ``xl/workbook.xml`` changes, and only the sheets' ``state`` and the active tab, so the
    copy prints exactly as the original's sheet does.
    """
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/workbook.xml":
                data = _hide_sheets(data.decode("utf-8"), keep).encode("utf-8")
            zout.writestr(info, data)


def _hide_sheets(xml: str, keep: int) -> str:
    counter = count()

    def restate(match: re.Match[str]) -> str:
        tag = re.sub(r'\sstate="[^"]*"', "", match.group(0))
        if next(counter) == keep:
            return tag
        return tag.replace("<sheet ", '<sheet state="hidden" ', 1)

    xml = re.sub(r"<sheet\s[^>]*/>", restate, xml)
    xml = re.sub(r'\sactiveTab="\d+"', "", xml)
    xml = re.sub(r'\sfirstSheet="\d+"', "", xml)
    return re.sub(r"<workbookView\b", f'<workbookView activeTab="{keep}" firstSheet="{keep}"', xml)


# --- what a sheet holds -----------------------------------------------------------------------


def shown_text(value: object, number_format: str) -> str:
    """A cell's value as Calc shows it, for the formats ita-report writes."""
    if isinstance(value, datetime | date):
        if number_format.lower() in ("d/m/yyyy", "general"):
            return f"{value.day}/{value.month}/{value.year}"
        raise AssertionError(f"no shown text for the date format {number_format!r}")
    percent = re.fullmatch(r"0(?:\.(0+))?%", number_format)
    if percent and isinstance(value, int | float):
        return f"{value * 100:.{len(percent.group(1) or '')}f}%"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cell_texts(ws: Worksheet) -> list[tuple[str, str]]:
    """``(coordinate, shown text)`` of every non-empty cell of ``ws``."""
    return [
        (cell.coordinate, shown_text(cell.value, cell.number_format))
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None and str(cell.value).strip()
    ]


def row_texts(ws: Worksheet, row: int) -> list[str]:
    return [str(cell.value) for cell in ws[row] if cell.value is not None]


# --- the checks -------------------------------------------------------------------------------


@dataclass
class PrintReport:
    """What printing a workbook showed, sheet by sheet; empty lists mean clean paper."""

    pages: dict[str, list[Page]]
    overlaps: dict[str, list[tuple[int, Word, Word]]]
    missing: dict[str, list[str]]
    not_a4_landscape: dict[str, list[int]]
    header_missing: dict[str, list[int]]

    @property
    def overlap_count(self) -> int:
        return sum(len(pairs) for pairs in self.overlaps.values())

    def problems(self) -> list[str]:
        """Each fault in words, to show when a test fails."""
        lines = []
        for sheet, pairs in self.overlaps.items():
            lines += [f"{sheet} p{no}: {a.text!r} overlaps {b.text!r}" for no, a, b in pairs]
        for sheet, texts in self.missing.items():
            lines += [f"{sheet}: not on paper: {text}" for text in texts]
        for sheet, numbers in self.not_a4_landscape.items():
            lines += [f"{sheet} p{no}: not A4 landscape" for no in numbers]
        for sheet, numbers in self.header_missing.items():
            lines += [f"{sheet} p{no}: header rows not repeated" for no in numbers]
        return lines


def check_printed(
    workbook: Path, work_dir: Path, *, header_rows: dict[str, Iterable[int]] | None = None
) -> PrintReport:
    """Print ``workbook`` sheet by sheet and check the paper.

    ``header_rows`` names, for a sheet, the rows whose text must be on every page of it (the
    print titles). Every non-empty cell's text must be on the sheet's pages, compared as
    :func:`squeeze` leaves it.
    """
    pages = print_sheets(workbook, work_dir)
    book = openpyxl.load_workbook(workbook)
    report = PrintReport(pages, {}, {}, {}, {})
    for name, sheet_pages in pages.items():
        ws = book[name]
        report.overlaps[name] = [
            (number, a, b)
            for number, page in enumerate(sheet_pages, start=1)
            for a, b in page.overlaps()
        ]
        on_paper = "".join(page.text for page in sheet_pages)
        report.missing[name] = [
            f"{coordinate} {text!r}"
            for coordinate, text in cell_texts(ws)
            if squeeze(text) not in on_paper
        ]
        report.not_a4_landscape[name] = [
            number
            for number, page in enumerate(sheet_pages, start=1)
            if abs(page.width - A4[0]) > 2 or abs(page.height - A4[1]) > 2
        ]
        headers = [
            squeeze(text)
            for row in (header_rows or {}).get(name, ())
            for text in row_texts(ws, row)
        ]
        report.header_missing[name] = [
            number
            for number, page in enumerate(sheet_pages, start=1)
            if not all(header in page.text for header in headers)
        ]
    return report


# --- a year's plan, as long as real ones ------------------------------------------------------

#: Texts of the length of the seed report's longest (``examples/plan.xlsx``), a result over two
#: paragraphs among them.
LONG_TEXTS = {
    "method": (
        "เผยแพร่ข้อมูลเกี่ยวกับการปฏิบัติงาน ประกอบด้วย ข้อมูลด้านการบริหารงานทั่วไป ข้อมูลงบประมาณ"
        " การจัดซื้อจัดจ้าง การจัดหาพัสดุ การบริหารงานบุคคล และข่าวประชาสัมพันธ์ ผ่านเว็บไซต์หลักของหน่วยงาน",
        "จัดทำรายละเอียดของตำแหน่งงาน (Job description) และเกณฑ์การประเมินผลการปฏิบัติงานอย่างชัดเจน",
    ),
    "responsible": ("งานการเจ้าหน้าที่/งานนิติการ", "กองคลัง"),
    "period": ("ตลอดปีงบประมาณ", "มี.ค. – ก.ย. ๖๘"),
    "result": (
        "-เผยแพร่ผลการจัดซื้อจัดจ้างในเว็บไซต์ ทต.พะโต๊ะ\n"
        "-เผยแพร่ผลการใช้จ่ายงบประมาณ เป็นรายเดือน รายไตรมาส และประจำปี",
        "อยู่ระหว่างจัดทำร่างประกาศ คาดว่าจะแล้วเสร็จภายในเดือนสิงหาคม",
    ),
    "status": (Status.DONE.thai, Status.IN_PROGRESS.thai),
    "suggestion": ("ควรปรับปรุงขั้นตอนการทำงานให้ประชาชนได้รับความสะดวกมากขึ้น", None),
}


def fill_in_long(path: Path, methods: int = 30) -> None:
    """Fill a workbook ``init`` wrote as :func:`tests.init_helpers.fill_in` does, then give it
    ``methods`` methods with texts as long as real ones (:data:`LONG_TEXTS`), three to a measure.

    Cells typed below the ten indicators take their column's format (``format_entry_row``), as
    in Excel and Calc, and the rows are fitted as those programs fit a row while the clerk types.
    """
    fill_in(path)
    workbook = openpyxl.load_workbook(path)
    ws = workbook[MEASURES_SHEET.title]
    column = {ws.cell(HEADER_ROW, index).value: index for index in range(1, ws.max_column + 1)}
    for offset in range(methods):
        row = FIRST_ENTRY_ROW + offset
        if offset % 3:
            ws.cell(row, 1).value = None  # the measure above continues
        elif offset >= 10:
            ws.cell(row, 1).value = f"มาตรการเพิ่มเติมที่ {offset // 3 + 1} การส่งเสริมคุณธรรมในหน่วยงาน"
        for key, texts in LONG_TEXTS.items():
            ws.cell(row, column[TITLES[key]]).value = texts[offset % 2]
        format_entry_row(ws, row)
    fit_row_heights(ws)
    workbook.save(path)
