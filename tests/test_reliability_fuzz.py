"""Fuzz ``load_workbook``: whatever the bytes, only the project's own error comes out, and no print.

Mutations of real workbooks, not random noise: the example (inline strings, written by
openpyxl) and two files saved by LibreOffice Calc (shared strings, styles, dates, formulas),
changed either as raw bytes of the .xlsx or inside one of their XML parts, re-zipped so that the
change gets past the zip and reaches the XML readers, openpyxl and the typed model. The
property: ``load_workbook`` returns its outcome or raises an :class:`ItaError` (what the CLI
shows as one message); anything else escaping is a bug, and so is anything printed on stdout
(it would corrupt ``check --json``).

CI runs a bounded, fixed set of examples; ``ITA_REPORT_FUZZ_EXAMPLES=20000`` runs that many
random ones (each failure is shrunk to a small case and printed by hypothesis).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ita_report.errors import ItaError
from ita_report.read.workbook import Loaded, load_workbook
from tests.workbook_helpers import EXAMPLE

DATA = Path(__file__).resolve().parent / "data"
SEEDS = {path.name: path.read_bytes() for path in (EXAMPLE, *sorted(DATA.glob("calc-*.xlsx")))}

#: What a damaged or hostile part might hold instead of what was there.
TOKENS = [
    b"<", b">", b"&", b'"', b"'", b"", b" ", b"\x00", b"\xff\xfe", b"0", b"-1", b"1E400", b"nan",
    b"inf", b"9" * 40, b"4.5e15", b"2564", b"0000", b"44256", b"99999", b"1048577", b"16385",
    b'"d"', b'"s"', b'"e"', b'"b"', b'"n"', b'"str"', b'"inlineStr"', b"XFD1048576", b"A0",
    b"ZZZZ1", b"A1:XFD1048576", b"B2:A1", b"&#0;", b"&#xD800;", b"&amp;", b"&a9;", b"_x0001_",
    b"_xD800_", b"<v>", b"</v>", b"<f>1/0</f>", b"<is><t>x</t></is>", b"<c r=\"A1\"/>",
    b"</row><row>", b"<row r=\"0\">", b"<mergeCell ref=\"A1:XFD1048576\"/>", b"s=\"9999\"",
    b"<!DOCTYPE x [<!ENTITY a \"b\">]>", "ม.ค. 0000 – ก.ย. 0001".encode(), "๒๕๖๔".encode(),
    b"29/2/2563", b"31/12/9999", "ดำเนินการแล้ว".encode(),
]  # fmt: skip
#: Where in XML a token does most harm: an attribute value or the text of an element.
_SLOTS = re.compile(rb'"[^"<>]{0,64}"|>[^<>]{0,256}<')

RANDOM_EXAMPLES = int(os.environ.get("ITA_REPORT_FUZZ_EXAMPLES", "0"))


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=RANDOM_EXAMPLES or examples,
        derandomize=not RANDOM_EXAMPLES,  # the same cases on every CI run
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )


@st.composite
def mutated(draw: st.DrawFn, data: bytes, ops: int) -> bytes:
    """``data`` with a few byte-level changes: overwrite, delete, insert, duplicate, splice."""
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, ops))):
        if not buffer:
            buffer += b"x"
        at = draw(st.integers(0, len(buffer) - 1))
        kind = draw(st.sampled_from(["byte", "delete", "insert", "duplicate", "slot"]))
        if kind == "byte":
            buffer[at] = draw(st.integers(0, 255))
        elif kind == "delete":
            del buffer[at : at + draw(st.integers(1, 64))]
        elif kind == "insert":
            buffer[at:at] = draw(st.sampled_from(TOKENS))
        elif kind == "duplicate":
            source = draw(st.integers(0, len(buffer) - 1))
            buffer[at:at] = buffer[source : source + draw(st.integers(1, 256))]
        else:
            slots = list(_SLOTS.finditer(bytes(buffer)))
            if slots:
                slot = draw(st.sampled_from(slots))
                token = draw(st.sampled_from(TOKENS)).replace(b'"', b"")
                buffer[slot.start() + 1 : slot.end() - 1] = token
    return bytes(buffer)


@st.composite
def damaged_files(draw: st.DrawFn) -> bytes:
    """The raw bytes of a seed workbook, changed."""
    seed = SEEDS[draw(st.sampled_from(sorted(SEEDS)))]
    return draw(mutated(seed, ops=4))


@st.composite
def damaged_parts(draw: st.DrawFn) -> bytes:
    """A seed workbook with one or two of its XML parts changed, zipped again."""
    seed = SEEDS[draw(st.sampled_from(sorted(SEEDS)))]
    with zipfile.ZipFile(io.BytesIO(seed)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    names = sorted(parts)
    # Sheets most often: they hold what the reader makes sense of.
    sheets = [name for name in names if name.startswith("xl/worksheets/")]
    for _ in range(draw(st.integers(1, 2))):
        name = draw(st.sampled_from(sheets) | st.sampled_from(names))
        parts[name] = draw(mutated(parts[name], ops=6))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def load_quietly(path: Path) -> Loaded | ItaError:
    """The outcome of loading ``path``, or its ItaError; anything else escapes and fails."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        try:
            outcome: Loaded | ItaError = load_workbook(path)
        except ItaError as error:
            outcome = error
    assert printed.getvalue() == "", f"load_workbook printed: {printed.getvalue()!r}"
    return outcome


def check(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    outcome = load_quietly(path)
    if isinstance(outcome, ItaError):
        assert outcome.exit_code == 2
        assert outcome.message.strip()
        return
    for problem in outcome.problems:
        assert problem.message.strip()
    if outcome.plan is not None:
        assert outcome.errors == []
        assert outcome.plan.measures


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "plan.xlsx"


@fuzz_settings(examples=100)
@given(data=damaged_files())
def test_damaged_bytes_give_only_the_projects_own_error(scratch: Path, data: bytes) -> None:
    check(scratch, data)


@fuzz_settings(examples=200)
@given(data=damaged_parts())
def test_damaged_xml_parts_give_only_the_projects_own_error(scratch: Path, data: bytes) -> None:
    check(scratch, data)


# --- what the fuzzing found, kept as plain regression tests -------------------------------------


def rezip(seed: bytes, member: str, change: bytes) -> bytes:
    """``seed`` with ``member`` replaced by ``change``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(seed)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, change if info.filename == member else source.read(info))
    return out.getvalue()


def corrupt_deflate(seed: bytes, member: str) -> bytes:
    """``seed`` with the compressed bytes of ``member`` overwritten: the CRC is never reached."""
    data = bytearray(seed)
    with zipfile.ZipFile(io.BytesIO(seed)) as archive:
        info = archive.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start : start + 16] = b"\xff" * 16
    return bytes(data)


def test_a_corrupt_deflate_stream_in_the_workbook_part_is_one_clear_error(scratch: Path) -> None:
    # zlib.error escaped load_workbook: zipfile raises it, not BadZipFile, for a bad stream.
    scratch.write_bytes(corrupt_deflate(SEEDS[EXAMPLE.name], "xl/workbook.xml"))
    outcome = load_quietly(scratch)
    assert isinstance(outcome, ItaError)
    assert outcome.message.startswith("ส่วนประกอบหลักของเวิร์กบุ๊กเสียหาย (xl/workbook.xml)")


def test_a_zip_of_a_version_python_cannot_read_is_one_clear_error(scratch: Path) -> None:
    # NotImplementedError escaped: the central directory asks for a newer zip version.
    data = bytearray(SEEDS[EXAMPLE.name])
    central = data.rindex(b"PK\x01\x02")
    data[central + 6] = 99  # "version needed to extract": 9.9
    scratch.write_bytes(bytes(data))
    outcome = load_quietly(scratch)
    assert isinstance(outcome, ItaError)
    assert outcome.message.startswith("ไฟล์เสียหายหรือถูกตัดขาด")


def test_a_damaged_style_part_prints_nothing_and_is_still_read(scratch: Path) -> None:
    # openpyxl printed "0 is out of range" on stdout, in front of check --json's document, and
    # refused the file; the reader needs only the cell formats, so it reads the file as it is.
    with zipfile.ZipFile(io.BytesIO(SEEDS[EXAMPLE.name])) as archive:
        styles = archive.read("xl/styles.xml")
    broken = re.sub(
        rb"<cellStyleXfs.*?</cellStyleXfs>", b'<cellStyleXfs count="0"/>', styles, flags=re.S
    )
    scratch.write_bytes(rezip(SEEDS[EXAMPLE.name], "xl/styles.xml", broken))
    outcome = load_quietly(scratch)
    assert isinstance(outcome, Loaded)
    assert outcome.plan is not None
    assert len(outcome.plan.methods) == 29


def test_a_period_column_beside_a_start_column_alone_is_read(tmp_path: Path) -> None:
    # KeyError 'end' escaped: a single date is taken as both ends with a warning naming its
    # cell, and the warning named the end column, which this sheet does not have.
    from datetime import datetime

    from tests.workbook_helpers import the_warning, write_workbook

    path = write_workbook(
        tmp_path / "plan.xlsx",
        header=("มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "เริ่ม"),
        rows=[("การใช้งบประมาณ", "เผยแพร่แผน", "กองคลัง", "มี.ค. 64", datetime(2021, 3, 1))],
    )
    cell, message = the_warning(load_workbook(path))
    assert cell == "มาตรการ!E2"
    assert message == "กรอกวันที่ไว้เพียงวันเดียว จึงถือว่าเริ่มและสิ้นสุดวันเดียวกัน"
