"""Shared helpers of the ``test_render_*`` tests: a plan built in code, and ways to read a .docx back.

Nothing here is a test. The plan holds what a real workbook throws at the renderer: a measure with
one method, text that looks like template code, a line break typed with Alt+Enter, periods over
one month, one year and two years, a typed period, and addresses with digits in them.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import docx
from lxml import etree

from ita_report.model import Agency, Measure, Method, Period, Plan, Status
from ita_report.render import Digits, RenderOptions, ReportKind, ReportRenderer, default_template

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: The column headings of the results report, as the seed has them.
RESULTS_HEADINGS = [
    "มาตรการ/แนวทาง",
    "วิธีการดำเนินการ",
    "ผู้รับผิดชอบ",
    "ระยะเวลาดำเนินการ",
    "ผลการดำเนินการ",
    "ข้อเสนอแนะ",
]

CODE_LIKE = "ประชุม {{ x }} & <ทีม> {% if y %}"
URL = "https://www.example.go.th/ita2564"
EMAIL = "saraban2564@example.go.th"
MULTILINE_RESULT = "-เผยแพร่แผนภูมิในเว็บไซต์\n-ติดประกาศ ณ จุดบริการ 2 จุด"

RENDERER = ReportRenderer()


def sample_plan(*, signer: bool = True) -> Plan:
    """Three measures, six methods: 4 done, 1 in progress, 1 not started."""
    duty = Measure(
        1,
        "การปฏิบัติหน้าที่",
        (
            Method(
                1,
                "จัดทำแผนภูมิ ขั้นตอน ระยะเวลาและผู้รับผิดชอบในการบริการ",
                "ทุกงาน",
                Period(None, date(2020, 10, 1), date(2021, 9, 30)),
                Status.DONE,
                MULTILINE_RESULT,
                "ควรปรับปรุงขั้นตอนให้สะดวกขึ้น",
                "มาตรการ!C3",
            ),
            Method(
                2,
                "จัดทำแบบประเมินความพึงพอใจของผู้รับบริการ",
                "กองคลัง",
                Period(None, date(2021, 3, 1), date(2021, 9, 30)),
                Status.IN_PROGRESS,
                "อยู่ระหว่างดำเนินการ",
                "",
                "มาตรการ!C4",
            ),
            Method(
                3,
                CODE_LIKE,
                "งานการเจ้าหน้าที่",
                Period(None, date(2021, 2, 1), date(2021, 2, 28)),
                Status.NOT_STARTED,
                "",
                "",
                "มาตรการ!C5",
            ),
        ),
        "มาตรการ!B3",
    )
    budget = Measure(
        2,
        "การใช้งบประมาณ {{ agency }}",
        (
            Method(
                1,
                "เผยแพร่การใช้จ่ายงบประมาณ",
                "กองคลัง/งานพัสดุ",
                Period("ตลอดปีงบประมาณ", date(2020, 10, 1), date(2021, 9, 30)),
                Status.DONE,
                f"เผยแพร่ที่ {URL} และแจ้ง {EMAIL} โทร 077-123456",
                "",
                "มาตรการ!C6",
            ),
        ),
        "มาตรการ!B6",
    )
    disclosure = Measure(
        3,
        "การเปิดเผยข้อมูล",
        (
            Method(
                1,
                "เผยแพร่ข้อมูลพื้นฐาน 12 รายการ",
                "งานประชาสัมพันธ์",
                Period(None, date(2021, 3, 1), date(2021, 4, 30)),
                Status.DONE,
                "เผยแพร่ครบ 12 รายการ",
                "ควรปรับปรุงทุก 3 เดือน",
                "มาตรการ!C7",
            ),
            Method(
                2,
                "จัดให้มีช่องทางถาม-ตอบ",
                "งานประชาสัมพันธ์",
                Period(None, date(2021, 3, 1), date(2021, 4, 30)),
                Status.DONE,
                "มีกระดานถาม-ตอบ",
                "",
                "มาตรการ!C8",
            ),
        ),
        "มาตรการ!B7",
    )
    agency = Agency(
        name="เทศบาลตำบลพะโต๊ะ",
        fiscal_year=2564,
        assessed_year=2563,
        district="บ้านฝาง",
        province="ชุมพร",
        signer="นายสมชาย ใจดี" if signer else None,
        signer_position="ปลัดเทศบาลตำบลพะโต๊ะ" if signer else None,
        report_date=date(2021, 9, 30) if signer else None,
    )
    return Plan(Path("plan.xlsx"), agency, (duty, budget, disclosure))


def render(
    plan: Plan | None = None,
    *,
    kind: ReportKind = ReportKind.RESULTS,
    digits: Digits = Digits.THAI,
    as_of: date | None = None,
    template: Path | None = None,
) -> bytes:
    options = RenderOptions(kind=kind, digits=digits, as_of=as_of, template=template)
    return RENDERER.render(plan or sample_plan(), options)


def part(data: bytes, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def paragraph_text(paragraph: etree._Element) -> str:
    """A paragraph's text as Word shows it, a line break as ``\\n``."""
    pieces = []
    for node in paragraph.iter(f"{W}t", f"{W}br"):
        pieces.append("\n" if node.tag == f"{W}br" else node.text or "")
    return "".join(pieces)


def body_paragraphs(data: bytes) -> list[str]:
    """The text of each paragraph outside the table, in order."""
    body = part(data).find(f"{W}body")
    assert body is not None
    return [paragraph_text(p) for p in body.findall(f"{W}p")]


def all_text(data: bytes) -> str:
    return "\n".join(paragraph_text(p) for p in part(data).iter(f"{W}p"))


def table(data: bytes) -> etree._Element:
    tables = part(data).findall(f".//{W}tbl")
    assert len(tables) == 1
    return tables[0]


def rows(data: bytes) -> list[etree._Element]:
    return table(data).findall(f"{W}tr")


def cell_texts(row: etree._Element) -> list[str]:
    return [
        "\n".join(paragraph_text(p) for p in cell.findall(f"{W}p"))
        for cell in row.findall(f"{W}tc")
    ]


def data_rows(data: bytes) -> list[list[str]]:
    """Cell texts of every row below the header."""
    return [cell_texts(row) for row in rows(data)[1:]]


def vmerge(row: etree._Element, column: int = 0) -> str | None:
    """``restart``, ``continue`` or None (not merged) for one cell."""
    cell = row.findall(f"{W}tc")[column]
    merge = cell.find(f"{W}tcPr/{W}vMerge")
    if merge is None:
        return None
    return merge.get(f"{W}val", "continue")


ARABIC = re.compile(r"[0-9]")
THAI = re.compile(r"[๐-๙]")


def edited_default(
    tmp_path: Path, old: str, new: str, kind: ReportKind = ReportKind.RESULTS
) -> Path:
    """A copy of a default template with one piece of its text changed, as a user would in Word."""
    source = zipfile.ZipFile(io.BytesIO(default_template(kind)))
    path = tmp_path / "edited.docx"
    with zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                assert old.encode() in content, old
                content = content.replace(old.encode(), new.encode(), 1)
            target.writestr(info, content)
    return path


def user_template(tmp_path: Path, *paragraphs: str, cell: str | None = None) -> Path:
    """A template typed in Word: these paragraphs, and optionally a one-cell table."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if cell is not None:
        document.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].add_run(cell)
        document.add_paragraph("ท้ายตาราง")
    path = tmp_path / "mine.docx"
    document.save(path)
    return path
