"""The workbook-wide parts a sheet's values depend on: shared strings and date formats.

A cell holds an index into the shared strings, or a number that is a date only because its
style's number format says so. These are read once per workbook, in bounded memory, with the
same entity-free parser as every other part.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from lxml import etree

from ita_report.ooxml import SAFE_PARSER, SAFE_XML_OPTIONS, x

_SI, _T, _R = x("si"), x("t"), x("r")

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
    with archive.open(member) as stream:
        for _, item in etree.iterparse(stream, tag=_SI, **SAFE_XML_OPTIONS):
            strings.append(_text_of(item))
            item.clear()
            while item.getprevious() is not None:
                del item.getparent()[0]
    return strings


def _text_of(item: etree._Element) -> str:
    parts: list[str] = []
    for child in item:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag == _R:
            parts.extend(t.text or "" for t in child.iter(_T))
    return "".join(parts)


@dataclass(frozen=True)
class CellFormats:
    """What the cell formats (a cell's ``s``) say about how a number is shown."""

    #: Formats whose number is a date or a time.
    dates: frozenset[int] = frozenset()
    #: Formats that show a number as a percentage, grouped or with fixed decimals: the code.
    numbers: dict[int, str] = field(default_factory=dict)


def read_cell_formats(archive: zipfile.ZipFile, member: str | None) -> CellFormats:
    """Read the styles part once for the date formats and the number formats that change text."""
    if member is None or member not in archive.namelist():
        return CellFormats()
    root = etree.fromstring(archive.read(member), SAFE_PARSER)
    custom = {
        int(fmt.get("numFmtId", "-1")): fmt.get("formatCode", "") for fmt in root.iter(x("numFmt"))
    }
    cell_formats = root.find(x("cellXfs"))
    if cell_formats is None:
        return CellFormats()
    dates: set[int] = set()
    numbers: dict[int, str] = {}
    for index, xf in enumerate(cell_formats.iter(x("xf"))):
        number_format = int(xf.get("numFmtId", "0"))
        code = custom.get(number_format, _BUILTIN_NUMBER_FORMATS.get(number_format))
        if is_date_format(code) if code is not None else number_format in _BUILTIN_DATE_FORMATS:
            dates.add(index)
        elif code is not None and _SHOWN_NUMBER.search(_NOT_DATE_PARTS.sub("", code)):
            numbers[index] = code
    return CellFormats(frozenset(dates), numbers)


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
