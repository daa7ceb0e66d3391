"""write_zip: every zip we write, with a template's unchanged parts compressed once.

The reports must stay the bytes they were when zipfile wrote every part itself: the records are
compared with zipfile's, for any parts, given compressed or not.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import Result

from ita_report.ooxml import ZIP_EPOCH, deflate, write_zip
from tests.workbook_helpers import EXAMPLE


def zipfile_reference(entries: list[tuple[str, bytes]], date_time: tuple[int, ...]) -> bytes:
    """What write_zip wrote before it copied compressed parts: zipfile, entry by entry."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=date_time[:6])  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


names = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\0\\/"), min_size=1
).map(lambda name: f"word/{name}.xml")


@given(
    entries=st.lists(
        st.tuples(names, st.binary(max_size=3000)), max_size=6, unique_by=lambda e: e[0]
    ),
    compressed=st.lists(st.booleans(), min_size=6, max_size=6),
    date_time=st.sampled_from([ZIP_EPOCH, (2024, 2, 29, 23, 59, 58)]),
)
def test_zips_are_byte_for_byte_those_zipfile_writes(
    entries: list[tuple[str, bytes]], compressed: list[bool], date_time: tuple[int, ...]
) -> None:
    given_entries = [
        (name, deflate(data) if deflated else data)
        for (name, data), deflated in zip(entries, compressed, strict=False)
    ]
    assert write_zip(given_entries, date_time=date_time) == zipfile_reference(entries, date_time)


def test_the_example_report_is_what_zipfile_would_have_written(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    report = tmp_path / "plan.docx"
    assert cli("build", EXAMPLE, "-o", report).exit_code == 0
    data = report.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    assert data == zipfile_reference(entries, ZIP_EPOCH)


def test_a_zip_too_large_for_plain_records_is_left_to_zipfile(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past 2 GB zipfile writes Zip64 records; the limit is lowered here to reach that path."""
    from ita_report import ooxml

    entries = [("a.xml", b"<a/>" * 400), ("b.xml", b"<b/>")]
    monkeypatch.setattr(ooxml, "_ZIP64_FROM", 100)
    data = write_zip([(entries[0][0], deflate(entries[0][1])), entries[1]])
    assert data == zipfile_reference(entries, ZIP_EPOCH)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert [archive.read(name) for name, _ in entries] == [data for _, data in entries]
