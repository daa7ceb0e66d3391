"""The workbook-wide parts a sheet's values depend on: shared strings and date formats.

A cell holds an index into the shared strings, or a number that is a date only because its
style's number format says so. These are read once per workbook, streamed in bounded memory
through the same entity-free parser as the sheets. Whether a number format shows a date, or changes
how a number reads (85%), is decided here for the .xls reader too (``is_date_style``,
``shown_number_code``), so that both formats show a number alike.
"""

from __future__ import annotations

import math
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ita_report.ooxml import KeptByBytes, parse_bytes, small_part, stream_part, x

_SI, _T, _PHONETIC = x("si"), x("t"), x("rPh")
_NUMBER_FORMAT, _CELL_FORMATS, _FORMAT = x("numFmt"), x("cellXfs"), x("xf")

#: Built-in number formats that show dates or times: 14-22 and 45-47 everywhere, 27-36 and
#: 50-58 in East Asian editions, 71-81 in Thai Excel (ECMA-376 §18.8.30: ว/ด/ปปปป, d/m/bb …).
_BUILTIN_DATE_FORMATS = frozenset(
    [*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59), *range(71, 82)]
)
# In a format code: quoted text, escaped characters and [colour]/[$-th-TH] sections say nothing
# of dates; [h] [mm] [ss] (elapsed time) do.
_NOT_DATE_PARTS = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?![hms]+\])[^\]]*\]', re.IGNORECASE)
# Day, month, year, hour, second, Buddhist year (b), and Thai Excel's letters for the same.
_DATE_TOKENS = re.compile(r"[dmyhsbวดปชนท]", re.IGNORECASE)

#: Built-in formats that change how a number reads (ECMA-376 §18.8.30).
_BUILTIN_NUMBER_FORMATS = {
    2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 37: "#,##0 ;(#,##0)",
    38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)",
}  # fmt: skip
_SHOWN_NUMBER = re.compile(r"%|,|\.0")
_DECIMALS = re.compile(r"\.(0+)")

_EPOCH_1900 = datetime(1899, 12, 30)
_EPOCH_1904 = datetime(1904, 1, 1)


def read_shared_strings(archive: zipfile.ZipFile, member: str | None) -> list[str]:
    """Every shared string's text, rich-text runs joined, phonetic guides (rPh) left out."""
    if member is None or member not in archive.namelist():
        return []
    strings: list[str] = []
    text: list[str] = []
    in_text = False  # inside a <t> that is no phonetic guide's
    phonetic = 0  # how many <rPh> the parser is inside

    def start(name: str, _attrs: dict[str, str]) -> None:
        nonlocal in_text, phonetic
        if name == _T:
            in_text = not phonetic
        elif name == _PHONETIC:
            phonetic += 1
        elif name == _SI:
            text.clear()

    def end(name: str) -> None:
        nonlocal in_text, phonetic
        if name == _T:
            in_text = False
        elif name == _PHONETIC:
            phonetic -= 1
        elif name == _SI:
            strings.append("".join(text))

    def data(chunk: str) -> None:
        if in_text:
            text.append(chunk)

    stream_part(archive, member, start, end, data)
    return strings


@dataclass(frozen=True)
class CellFormats:
    """What the cell formats (a cell's ``s``) say about how a number is shown."""

    #: Formats whose number is a date or a time.
    dates: frozenset[int] = frozenset()
    #: Formats that show a number as a percentage, grouped or with fixed decimals: the code.
    numbers: dict[int, str] = field(default_factory=dict)


def read_cell_formats(archive: zipfile.ZipFile, member: str | None) -> CellFormats:
    """Read the styles part once for the date formats and the number formats that change text.

    A small styles part is read whole and what it says kept under its bytes
    (:class:`~ita_report.ooxml.KeptByBytes`): the workbooks of a batch made from one template
    share it.
    """
    if member is None or member not in archive.namelist():
        return CellFormats()
    data = small_part(archive, member)
    if data is None:
        return _cell_formats(archive, member, None)
    return _FORMATS.get(data, lambda: _cell_formats(archive, member, data))


_FORMATS: KeptByBytes[bytes, CellFormats] = KeptByBytes()


def _cell_formats(archive: zipfile.ZipFile, member: str, data: bytes | None) -> CellFormats:
    """The styles part's formats: from ``data`` when it was read whole, else streamed."""
    custom: dict[int, str] = {}
    formats: list[int] = []  # the number format of each cell format (cellXfs), in order
    depth = 0
    cell_formats = 0  # 1 inside the first <cellXfs> under the root, 2 after it

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal depth, cell_formats
        depth += 1
        if name == _NUMBER_FORMAT:
            custom[_int(attrs.get("numFmtId"), -1)] = attrs.get("formatCode", "")
        elif name == _CELL_FORMATS and depth == 2 and not cell_formats:
            cell_formats = 1
        elif name == _FORMAT and cell_formats == 1:
            formats.append(_int(attrs.get("numFmtId"), 0))

    def end(name: str) -> None:
        nonlocal depth, cell_formats
        depth -= 1
        if name == _CELL_FORMATS and depth == 1 and cell_formats == 1:
            cell_formats = 2

    if data is None:
        stream_part(archive, member, start, end)
    else:
        parse_bytes(data, start, end)
    dates: set[int] = set()
    numbers: dict[int, str] = {}
    for index, number_format in enumerate(formats):
        code = custom.get(number_format)
        if is_date_style(number_format, code):
            dates.add(index)
        elif (shown := shown_number_code(number_format, code)) is not None:
            numbers[index] = shown
    return CellFormats(frozenset(dates), numbers)


def _int(text: str | None, default: int) -> int:
    """An integer attribute; ValueError (a damaged part) when it is there and is no integer."""
    return default if text is None else int(text)


def is_date_style(number_format: int, custom_code: str | None) -> bool:
    """Whether a number format shows a date or a time: by its code when the workbook defines one
    (or the code is a known built-in), else by its built-in id. The one rule of every reader
    (.xlsx: numFmtId and numFmt; .xls: the XF's format key and FORMAT record)."""
    code = custom_code if custom_code is not None else _BUILTIN_NUMBER_FORMATS.get(number_format)
    return is_date_format(code) if code is not None else number_format in _BUILTIN_DATE_FORMATS


def shown_number_code(number_format: int, custom_code: str | None) -> str | None:
    """The code of a number format that changes how a number reads (``0%``, ``#,##0.00``), for
    :func:`format_number`; None for any other format, a date's among them."""
    code = custom_code if custom_code is not None else _BUILTIN_NUMBER_FORMATS.get(number_format)
    if code is None or is_date_style(number_format, custom_code):
        return None
    return code if _SHOWN_NUMBER.search(_NOT_DATE_PARTS.sub("", code)) else None


def format_number(value: float, code: str) -> str:
    """A number as its format shows it, for the codes that matter in a report's text.

    Percentages (``0%``, ``0.0%``), thousands separators (``#,##0``) and fixed decimals
    (``0.00``); the first section of the code only, and no colours or currency text.
    """
    section = _NOT_DATE_PARTS.sub("", code.split(";", 1)[0])
    decimals = len(match.group(1)) if (match := _DECIMALS.search(section)) else 0
    if "%" in section:
        return f"{value * 100:,.{decimals}f}%" if "," in section else f"{value * 100:.{decimals}f}%"
    return f"{value:,.{decimals}f}" if "," in section else f"{value:.{decimals}f}"


def is_date_format(code: str) -> bool:
    """Whether a custom number format code (``d/m/yyyy``, ``[$-th-TH]d mmm bb``) shows a date."""
    if code.strip().lower() in ("general", "@", ""):
        return False
    return bool(_DATE_TOKENS.search(_NOT_DATE_PARTS.sub("", code)))


def serial_to_datetime(serial: float, *, date1904: bool) -> datetime:
    """An Excel serial day number → datetime. Raises OverflowError/ValueError far out of range."""
    if date1904:
        epoch = _EPOCH_1904
    else:
        epoch = _EPOCH_1900
        if 0 < serial < 60:  # Excel's phantom 29 February 1900
            serial += 1
    days, fraction = divmod(serial, 1)
    return epoch + timedelta(days=days, milliseconds=round(fraction * 86_400_000))


def number_value(number: float, xf: int, formats: CellFormats, *, date1904: bool) -> object:
    """A number in a cell of format ``xf`` as the clerk sees it, whatever the file's format.

    A date or time format gives a datetime (a time of day alone its ``HH:MM``); a percent,
    thousands or fixed-decimals format the text shown (``85%``); anything else the number,
    an int when whole.
    """
    if xf in formats.dates:
        if 0 <= number < 1:  # a time of day alone, as its hours and minutes
            minutes = round(number * 24 * 60)
            return f"{minutes // 60:02d}:{minutes % 60:02d}"
        try:
            return serial_to_datetime(number, date1904=date1904)
        except (OverflowError, ValueError):
            pass  # far outside any calendar: left as the number, which the reader refuses
    shown = formats.numbers.get(xf)
    if shown is not None and math.isfinite(number):
        return format_number(number, shown)  # 0.85 shown as 85% is 85% in the report
    return int(number) if number.is_integer() and abs(number) < 2**53 else number
