"""What a cell holds, turned into the text, number or date the model needs.

Text is kept as typed, with three exceptions that Word forces on us: Excel's ``_xHHHH_`` escapes
are decoded, Windows line ends become plain line breaks, and characters that cannot stand in a
Word document (control characters) are dropped with a warning naming the cell. A vertical tab,
which is how Word's manual line break arrives when pasted into Excel, becomes a line break.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from functools import lru_cache

from ita_report.model import ProblemLog
from ita_report.periods import ImpossibleDate, as_date
from ita_report.thai import normalise_label, thai_date

_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# XML 1.0 allows tab, line feed and carriage return below U+0020; U+FFFE/U+FFFF never.
_NOT_IN_WORD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _unescape(match: re.Match[str]) -> str:
    return chr(int(match.group(1), 16))


def cell_text(value: object, cell: str | Callable[[], str], problems: ProblemLog) -> str:
    """The text of a cell as the report will show it; ``""`` for an empty cell.

    ``cell`` names the cell in a warning; a function giving the name is called only for one
    (most cells have nothing to warn of, and naming each cost a reader's rows a tenth).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        # Each step only where it can change something: most cells have no escape, no CR.
        text = _EXCEL_ESCAPE.sub(_unescape, value) if "_x" in value else value
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if "\x0b" in text:
            text = text.replace("\x0b", "\n")
        if _NOT_IN_WORD.search(text):
            dropped = sorted({f"U+{ord(ch):04X}" for ch in _NOT_IN_WORD.findall(text)})
            problems.warning(
                cell if isinstance(cell, str) else cell(),
                f"ตัดอักขระควบคุมที่ Word แสดงไม่ได้ออก ({', '.join(dropped)}) — "
                "มักมาจากการคัดลอกข้อความจากเว็บหรือ PDF",
            )
            text = _NOT_IN_WORD.sub("", text)
        return text.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime) and value.time() != time():
        return f"{thai_date(value.date())} {value:%H:%M} น."
    try:
        day = as_date(value)  # a B.E. year typed into a date cell is read as B.E. here too
    except ImpossibleDate:
        assert isinstance(value, date)
        return f"{value.day}/{value.month}/{value.year}"  # as the clerk typed it, in a text cell
    if day is not None:
        return thai_date(day)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def normalised(text: str) -> str:
    """:func:`~ita_report.thai.normalise_label` of ``text``, worked out once per process.

    The readers compare labels, statuses and unit names in this form, and the same few come
    back in every row and every workbook of a batch, each costing a Unicode normalisation.
    Only short texts are kept, the last 1,024 of them, so that no workbook makes memory grow.
    """
    return _short_normalised(text) if len(text) <= _KEPT_LABEL_LENGTH else normalise_label(text)


_KEPT_LABEL_LENGTH = 100
_short_normalised = lru_cache(maxsize=1024)(normalise_label)
