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
#: Where a text has a digit of each kind: one without a digit to convert is returned as it is.
HAS_ARABIC_DIGIT, HAS_THAI_DIGIT = re.compile(f"[{ARABIC_DIGITS}]"), re.compile(f"[{THAI_DIGITS}]")

#: Web and e-mail addresses keep their digits whatever ``--digits`` says.
_ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
    re.IGNORECASE,
)
#: What every address ``_ADDRESS`` finds holds (it ignores case, so ``www.`` ends in ``w.`` or
#: ``W.``): a text with none of them has no address, and its digits are swapped one for one.
_ADDRESS_MARKS = ("@", "://", "w.", "W.")
_ARABIC_THAI = tuple(zip(ARABIC_DIGITS, THAI_DIGITS, strict=True))
_THAI_ARABIC = tuple(zip(THAI_DIGITS, ARABIC_DIGITS, strict=True))

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
#: What may stand unseen before typed numbering: zero-width characters and white space.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad \t\n"
_WHITESPACE = re.compile(r"\s+")

#: Numbering typed in front of a measure or a method: ``๑.``, ``1.``, ``1)``, ``(1)``,
#: ``ข้อ 1``, and outline numbers that end in a dot (``1.1.``).
_NUMBERING = re.compile(
    r"\s*(?:ข้อ\s*(?=[0-9๐-๙]))?(?:\((?P<paren>[0-9๐-๙]{1,3})\)"
    r"|(?P<first>[0-9๐-๙]{1,3})(?P<rest>(?:\s*\.\s*[0-9๐-๙]{1,3})*)\s*[.)](?![0-9๐-๙])"
    r"|(?P<bare>[0-9๐-๙]{1,3})(?=\s))\s*"
)
#: An outline number without a final dot (``1.1 จัดทำ…``): numbering only where it is this
#: method's own place, since ``1.5 ล้านบาท`` is an amount.
_OUTLINE = re.compile(r"\s*(?P<first>[0-9๐-๙]{1,3})\s*\.\s*(?P<second>[0-9๐-๙]{1,3})(?=\s)\s*")
#: A bullet typed in front of a method: ``-``, ``•``, ``*``, ``–``, ``·``, ``○``, ``▪``, ``➢``.
_BULLET = re.compile(r"\s*[-•*–—·○●▪■◆❖➢➤✓✔]\s*")
#: Thai typing slips that look right on screen: two SARA E for SARA AE (``เเ`` for ``แ``).
_SLIPS = (("เเ", "แ"),)

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
    if not HAS_ARABIC_DIGIT.search(text):
        return text
    return _outside_addresses(text, _TO_THAI, _ARABIC_THAI)


def to_arabic_digits(text: str) -> str:
    """Thai digits to Arabic, except inside web and e-mail addresses."""
    if not HAS_THAI_DIGIT.search(text):
        return text
    return _outside_addresses(text, _TO_ARABIC, _THAI_ARABIC)


def _outside_addresses(text: str, table: dict[int, int], pairs: tuple[tuple[str, str], ...]) -> str:
    """``text`` translated by ``table`` except inside its addresses.

    A text without an address mark (nearly every paragraph of a report: Thai letters and a
    digit or two) has its digits swapped by ``str.replace``, a digit at a time, which is faster
    than the search for addresses and a table look-up for each of its characters.
    """
    if not any(mark in text for mark in _ADDRESS_MARKS):
        for digit, other in pairs:
            if digit in text:
                text = text.replace(digit, other)
        return text
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
    # NFKC also folds NIKHAHIT + SARA AA (ํา) and SARA AM (ำ) into one form.
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)
    for slip, meant in _SLIPS:
        text = text.replace(slip, meant)
    return _WHITESPACE.sub("", text).casefold().rstrip(":：")


def split_numbering(text: str, outline: tuple[int, int] | None = None) -> tuple[int | None, str]:
    """Split typed numbering off the front: ``"๒. จัดทำ…"`` → ``(2, "จัดทำ…")``.

    A bullet (``- จัดทำ…``) goes with no number; zero-width characters pasted in front of the
    numbering do not hide it; an outline number goes (``1.1.`` always; ``1.1`` without its dot
    only when it is ``outline``, the method's own place, since ``1.5 ล้านบาท`` is an amount).
    The first number is the one returned. Text that is nothing but a number is left as it is.
    """
    start = len(text) - len(text.lstrip(_INVISIBLE))
    if outline is not None and (match := _OUTLINE.match(text, start)):
        numbers = (int(arabic(match["first"])), int(arabic(match["second"])))
        if numbers == outline and match.end() < len(text):
            return numbers[0], text[match.end() :]
    match = _NUMBERING.match(text, start)
    if match is not None and match.end() < len(text):
        bare_ok = match["bare"] is None or _looks_numbered(text, match)
        if bare_ok:
            number = match["paren"] or match["first"] or match["bare"]
            return int(arabic(number)), text[match.end() :]
    bullet = _BULLET.match(text, start)
    if bullet is not None and bullet.end() < len(text):
        return None, text[bullet.end() :]
    return None, text


def _looks_numbered(text: str, match: re.Match[str]) -> bool:
    """``ข้อ 3 จัดทำ``: a bare number is numbering only after ``ข้อ``."""
    return "ข้อ" in text[: match.start("bare")]


def be_year(year: int) -> int:
    """A year as Buddhist era: values under 2400 are taken as C.E."""
    return year + BE_OFFSET if year < 2400 else year


def thai_date(value: date) -> str:
    """``date(2021, 4, 19)`` → ``19 เมษายน 2564`` (digits converted later, with the report's)."""
    return f"{value.day} {MONTHS_LONG[value.month - 1]} {value.year + BE_OFFSET}"
