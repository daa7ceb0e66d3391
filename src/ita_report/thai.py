"""Thai text helpers: digits, label normalisation, typed numbering and Thai dates.

These are pure functions shared by the reader (which must understand what a clerk typed) and the
renderer (which must write what a Thai government document shows).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"
_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)

#: Web and e-mail addresses keep their digits whatever ``--digits`` says.
_ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
    re.IGNORECASE,
)

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_WHITESPACE = re.compile(r"\s+")

#: Numbering typed in front of a measure or a method: ``๑.``, ``1.``, ``1)``, ``(1)``.
_NUMBERING = re.compile(r"^\s*\(?([0-9๐-๙]{1,3})\s*[.)](?![0-9๐-๙])\s*")

MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
MONTHS_LONG = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip

BE_OFFSET = 543


def to_thai_digits(text: str) -> str:
    """Arabic digits to Thai, except inside web and e-mail addresses."""
    return _outside_addresses(text, _TO_THAI)


def to_arabic_digits(text: str) -> str:
    """Thai digits to Arabic, except inside web and e-mail addresses."""
    return _outside_addresses(text, _TO_ARABIC)


def _outside_addresses(text: str, table: dict[int, int]) -> str:
    pieces: list[str] = []
    last = 0
    for match in _ADDRESS.finditer(text):
        pieces.append(text[last : match.start()].translate(table))
        pieces.append(match.group())
        last = match.end()
    pieces.append(text[last:].translate(table))
    return "".join(pieces)


def arabic(text: str) -> str:
    """All Thai digits to Arabic, addresses included: for parsing, never for display."""
    return text.translate(_TO_ARABIC)


def normalise_label(text: str) -> str:
    """The form in which labels and status values are compared.

    NFKC folds look-alike characters pasted from the web; zero-width characters and all white
    space go (``ระยะเวลา ดำเนินการ`` is the same label wrapped); case is folded for English keys.
    """
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)
    return _WHITESPACE.sub("", text).casefold()


def split_numbering(text: str) -> tuple[int | None, str]:
    """Split typed numbering off the front: ``"๒. จัดทำ…"`` → ``(2, "จัดทำ…")``."""
    match = _NUMBERING.match(text)
    if match is None or match.end() == len(text):
        return None, text
    return int(arabic(match.group(1))), text[match.end() :]


def be_year(year: int) -> int:
    """A year as Buddhist era: values under 2400 are taken as C.E."""
    return year + BE_OFFSET if year < 2400 else year


def thai_date(value: date) -> str:
    """``date(2021, 4, 19)`` → ``19 เมษายน 2564`` (digits converted later, with the report's)."""
    return f"{value.day} {MONTHS_LONG[value.month - 1]} {value.year + BE_OFFSET}"
