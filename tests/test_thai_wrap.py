"""Thai text on a console breaks between words, never inside one (``cli/segment``, ``cli/wrap``).

The segmenter is checked against words a clerk reads every day (``ดำเนินการ``, ``ขั้นตอน``); the
line breaker against the segmenter: in ``check``'s table on an 80-column terminal, every line
of every cell ends where the segmenter puts a word boundary (or at a space).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from ita_report.cli import app
from ita_report.cli.segment import cluster_breaks, thai_breaks, thai_words
from ita_report.cli.wrap import break_offsets, fit_widths, measure, wrap
from tests.workbook_helpers import IN_PROGRESS, NOT_STARTED, PERIOD, write_workbook

#: Words of the ITA workbooks; a console must never cut one of them in two.
WORDS = [
    "ดำเนินการ", "ขั้นตอน", "บริการ", "ระหว่าง", "ราชการ", "ทรัพย์สิน", "งบประมาณ",
    "ประชาสัมพันธ์", "เจ้าหน้าที่", "ผู้รับผิดชอบ", "ปฏิบัติ", "ความโปร่งใส", "คุณธรรม",
    "เผยแพร่", "สม่ำเสมอ", "เว็บไซต์", "ตำแหน่ง", "หน่วยงาน",
]  # fmt: skip
#: Long methods as clerks write them: no space for a whole line.
LONG = [
    "ประชุมชี้แจงขั้นตอนการให้บริการแก่ประชาชนและผู้รับบริการทุกหมู่บ้านในเขตเทศบาลอย่างต่อเนื่อง",
    "จัดทำรายงานผลการใช้จ่ายงบประมาณอย่างสม่ำเสมอและเผยแพร่อย่างโปร่งใสบนเว็บไซต์หลักของหน่วยงาน",
    "กำหนดบทลงโทษกรณีไม่ปฏิบัติตามระเบียบการใช้ทรัพย์สินของทางราชการ",
    "ประชาสัมพันธ์แผนภูมิ ขั้นตอน ระยะเวลาผู้รับผิดชอบในการให้บริการงานด้านต่าง ๆ ให้กับเจ้าหน้าที่รับทราบ",
]
TITLE = "การส่งเสริมคุณธรรมและความโปร่งใสในการปฏิบัติหน้าที่ของเจ้าหน้าที่ทุกระดับ"
UNIT = "งานการเจ้าหน้าที่/งานที่เกี่ยวข้องในการปฏิบัติงาน"


def inside(word: str, text: str) -> set[int]:
    """The offsets strictly inside each occurrence of ``word`` in ``text``."""
    return {match.start() + i for match in re.finditer(word, text) for i in range(1, len(word))}


@pytest.mark.parametrize("text", [*LONG, TITLE, UNIT, IN_PROGRESS, NOT_STARTED])
def test_no_known_word_is_cut(text: str) -> None:
    breaks = set(thai_breaks(text))
    for word in WORDS:
        assert not breaks & inside(word, text), (word, thai_words(text))


def test_the_breaks_the_issue_shows_are_gone() -> None:
    assert "ขั้นตอ|นการ" not in "|".join(thai_words("ประชุมชี้แจงขั้นตอนการให้บริการ"))
    assert thai_words("อยู่ระหว่างดำเนินการ") == ["อยู่", "ระหว่าง", "ดำเนินการ"]


def test_a_word_never_ends_inside_a_character_cluster() -> None:
    text = "".join(LONG)
    assert set(thai_breaks(text)) <= {0, *cluster_breaks(text), len(text)}
    assert 1 not in cluster_breaks("กำ")  # ำ follows its consonant
    assert 1 not in cluster_breaks("เก")  # เ is written before its consonant
    assert 2 not in cluster_breaks("ที่")


def test_letters_no_word_matches_stay_together() -> None:
    assert thai_words("ทตพะโต๊ะ")[0] == "ทต"
    assert thai_words("") == [] and thai_words("ก") == ["ก"]


def test_a_line_never_starts_with_mai_yamok() -> None:
    for width in range(6, 30):
        assert not any(line.startswith("ๆ") for line in wrap(LONG[3], width))


def test_lines_fit_and_break_between_words() -> None:
    for text in LONG:
        allowed = set(break_offsets(text))
        for width in (10, 20, 35, 60):
            lines = wrap(text, width)
            assert all(cell_len(line) <= width for line in lines)
            assert_breaks_between_words(text, lines, allowed)


def test_help_text_breaks_only_at_spaces() -> None:
    line = "แก้ไขแล้วใช้กับ: ita-report build plan.xlsx --template my-templates/report.docx"
    for width in range(24, 60):
        lines = wrap(line, width, words=False)
        assert any("my-templates/report.docx" in part for part in lines), lines


def test_measure_and_fit() -> None:
    assert measure("อยู่ระหว่างดำเนินการ") == (8, 16)
    assert fit_widths([(11, 11), (10, 110), (10, 37), (5, 14), (8, 16)], 64) == [11, 24, 14, 6, 9]
    assert fit_widths([(3, 5), (3, 5)], 20) == [5, 5]
    assert fit_widths([(9, 20), (9, 20)], 10) == [9, 9]  # never below the widest word


def assert_breaks_between_words(text: str, lines: list[str], allowed: set[int]) -> None:
    """Each line is the next part of ``text``; each break is at a space or a word boundary."""
    at = 0
    for number, line in enumerate(lines):
        while text[at] == " ":
            at += 1
        assert text.startswith(line, at), (line, text[at:])
        if number:
            assert at in allowed, f"{text[:at]}|{text[at:]}"
        at += len(line)
    assert text[at:].strip() == ""


# --- check's table on an 80-column terminal --------------------------------------------------


@pytest.fixture
def long_workbook(tmp_path: Path) -> Path:
    rows = [
        (TITLE, LONG[0], UNIT, PERIOD, IN_PROGRESS, None),
        (None, LONG[1], "กองคลัง", PERIOD, NOT_STARTED, None),
        ("การใช้ทรัพย์สินของทางราชการ", LONG[2], "งานพัสดุ", PERIOD, IN_PROGRESS, None),
        (None, LONG[3], UNIT, "ตลอดปีงบประมาณ ๒๕๖๔", NOT_STARTED, None),
    ]
    return write_workbook(tmp_path / "plan.xlsx", rows=rows)


def table_cells(out: str) -> list[list[list[str]]]:
    """The table's rows, each a list of its cells, each cell the list of its lines."""
    rows: list[list[list[str]]] = []
    for line in out.splitlines():
        if not line.startswith("│"):
            continue
        cells = [cell.strip() for cell in line.strip("│").split("│")]
        starts = re.fullmatch(r"\d+\.\d+", cells[0]) or (
            not cells[0] and re.match(r"\d+\. ", cells[1])
        )
        if starts or not rows:
            rows.append([[] for _ in cells])
        for column, cell in enumerate(cells):
            if cell:
                rows[-1][column].append(cell)
    return rows


@pytest.mark.parametrize("columns", [80, 100, 60])
def test_check_breaks_no_thai_word(long_workbook: Path, columns: int) -> None:
    result = CliRunner().invoke(
        app, ["check", str(long_workbook), "--as-of", "1/3/2564"], env={"COLUMNS": str(columns)}
    )
    assert result.exit_code == 1, result.output
    assert all(cell_len(line) <= columns for line in result.stdout.splitlines()[1:-1])
    texts = {
        *LONG,
        UNIT,
        "กองคลัง",
        "งานพัสดุ",
        PERIOD,
        "ตลอดปีงบประมาณ ๒๕๖๔",
        IN_PROGRESS,
        NOT_STARTED,
    }
    texts |= {f"1. {TITLE}", "2. การใช้ทรัพย์สินของทางราชการ"}
    checked = 0
    for row in table_cells(result.stdout):
        for lines in row[1:]:
            if not lines:
                continue
            (text,) = [t for t in texts if t.replace(" ", "") == "".join(lines).replace(" ", "")]
            assert_breaks_between_words(text, lines, set(break_offsets(text)))
            checked += len(lines) > 1
    assert checked >= 6  # texts that did wrap, and wrapped between words


def test_help_and_version_do_not_load_the_dictionary() -> None:
    code = (
        "import sys\n"
        "from ita_report.cli import app, segment\n"
        "try:\n    app(['build', '--help'])\nexcept SystemExit:\n    pass\n"
        "print('LOADED', segment.dictionary.cache_info().currsize, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    assert "LOADED 0" in done.stderr, done.stderr


def test_the_longest_word_is_the_dictionary_s() -> None:
    """``LONGEST_WORD`` bounds the search: a longer word in a new word list would never match."""
    from ita_report.cli import segment

    words = [word for run in segment.dictionary().values() for word in run.split()]
    assert max(map(len, words)) == segment.LONGEST_WORD


def test_every_word_is_found_in_its_run() -> None:
    """The word list's runs are what ``is_word`` looks in: a word filed under another
    run's letters (a list written unsorted, or without its blank lines) would never match."""
    from ita_report.cli import segment

    words = [word.decode("cp874") for run in segment.dictionary().values() for word in run.split()]
    assert len(words) == len(set(words)) > 60_000
    assert all(segment.is_word(word) for word in words)
    assert not segment.is_word("ขั้นตอ") and not segment.is_word("")
