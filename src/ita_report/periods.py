"""Dates and periods as Thai agencies write them.

The reader turns cell values into dates (real Excel dates, ``d/m/yyyy`` text in B.E. or C.E.) and
period text such as ``มี.ค. – ก.ย.๖๔`` into a first and a last day, so that overdue methods can be
found; the renderer turns dates back into the short period text of a Thai report.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from ita_report.model import Period
from ita_report.thai import BE_OFFSET, MONTHS_LONG, MONTHS_SHORT, arabic, be_year, to_thai_digits

_DATE_TEXT = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?\s*$")


def _month_pattern(short: str) -> str:
    letters = [ch for ch in short if ch != "."]
    return r"\.?\s?".join(map(re.escape, letters)) + r"\.?"


# Long names first so that "มีนาคม" is not read as "มี.ค." plus rubbish.
_MONTH_ALTERNATIVES = sorted(
    [(name, index) for index, name in enumerate(MONTHS_LONG, 1)]
    + [(_month_pattern(short), index) for index, short in enumerate(MONTHS_SHORT, 1)],
    key=lambda item: -len(item[0]),
)
_MONTH_TOKEN = re.compile(
    "|".join(f"(?P<m{i}>{pattern})" for i, (pattern, _) in enumerate(_MONTH_ALTERNATIVES))
)
#: The year written right after a month (``ก.ย. ๖๔``, ``กันยายน พ.ศ. 2564``); a number further on
#: is the day of the next month (``1 มี.ค. – 30 ก.ย. 2564``), not this month's year.
_YEAR_TOKEN = re.compile(r"\s*(?:[พค]\.?\s?ศ\.?\s*)?(\d{4}|\d{2})(?!\d)")
#: A Thai letter or vowel sign (not a Thai digit): a month abbreviation typed without dots is
#: only a month when it stands apart, so that ``ตามความเหมาะสม`` or ``เมื่อมีคำร้อง`` is no month.
_THAI_LETTER = re.compile("[\u0e01-\u0e4e]")
_WHOLE_YEAR = re.compile(r"ตลอดปี|ทั้งปี")
#: A year written out anywhere in period text: B.E. 25xx or C.E. 20xx, not part of a number.
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(?:25|20)\d\d(?!\d)")
#: ``19 เม.ย. 64``, ``วันที่ 19 เมษายน พ.ศ. 2564`` (digits already Arabic).
_THAI_DATE = re.compile(
    r"^(?:วันที่\s*)?(?P<day>\d{1,2})\s*(?P<month>"
    + "|".join(pattern for pattern, _ in _MONTH_ALTERNATIVES)
    + r")\s*(?:[พค]\.?\s?ศ\.?\s*)?(?P<year>\d{4}|\d{2})$"
)


class ImpossibleDate(ValueError):
    """A date written in a form we read that names no day: ``29/2/2568``, ``31/4/2567``.

    ``str()`` says why in Thai, for the message that names the cell.
    """


def parse_date_text(text: str) -> date | None:
    """A date typed as text → that date; None if the text is no date.

    Read: ``19/4/2564``, ``19/4/2021``, ``19/4/64`` (B.E. or C.E., Thai digits allowed), ISO
    ``2021-04-19`` (or ``2564-04-19``), and Thai words: ``19 เม.ย. 64``, ``๑๙ เมษายน ๒๕๖๔``,
    ``วันที่ 19 เมษายน พ.ศ. 2564``. Raises :class:`ImpossibleDate` for one of those forms that
    names no day (``29/2/2568``: February 2025 has 28 days).
    """
    plain = arabic(text).strip()
    if match := _DATE_TEXT.match(plain):
        day, month, year = int(match[1]), int(match[2]), _year_ce(match[3])
    elif match := _ISO_DATE.match(plain):
        year, month, day = be_year(int(match[1])) - BE_OFFSET, int(match[2]), int(match[3])
    elif match := _THAI_DATE.match(plain):
        day, year = int(match["day"]), _year_ce(match["year"])
        month = _month_of(_MONTH_TOKEN.fullmatch(match["month"]))
    else:
        return None
    return make_date(year, month, day)


def make_date(year: int, month: int, day: int) -> date:
    """``date(year, month, day)`` (C.E.), or ImpossibleDate saying in Thai why there is none."""
    try:
        return date(year, month, day)
    except ValueError:
        pass
    shown = f"{day}/{month}/{year + BE_OFFSET}"
    if not 1 <= month <= 12:
        raise ImpossibleDate(f"วันที่ {shown} ไม่มีอยู่จริง (ไม่มีเดือนที่ {month})") from None
    days = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    raise ImpossibleDate(
        f"วันที่ {shown} ไม่มีอยู่จริง (เดือน{MONTHS_LONG[month - 1]} พ.ศ. {year + BE_OFFSET} มี {days} วัน)"
    ) from None


def _month_of(match: re.Match[str] | None) -> int:
    """The month (1–12) a match of ``_MONTH_TOKEN`` names."""
    assert match is not None and match.lastgroup is not None
    return _MONTH_ALTERNATIVES[int(match.lastgroup[1:])][1]


def as_date(value: object) -> date | None:
    """A cell value that stands for a day → that date; other values → None.

    Excel takes ``1/10/2567`` typed by a Thai clerk as the year 2567 C.E.; a real date with a
    year of 2400 or more is therefore read as B.E. Raises :class:`ImpossibleDate` for 29
    February of a B.E. year whose C.E. year has none (``29/2/2568`` is a day in 2568 C.E.).
    """
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        return None
    if value.year >= 2400:
        return make_date(value.year - BE_OFFSET, value.month, value.day)
    return value


def _year_ce(token: str) -> int:
    """A typed year → C.E.: four digits B.E. (2564) or C.E. (2021); two digits ``64`` as B.E.
    2564, under 40 (``24``) as C.E. 2024 — a Thai office writes B.E., but a year of the 2520s
    (the 1970s) in a plan of measures is a C.E. year."""
    year = int(token)
    if year < 40:
        year += 2000
    elif year < 100:
        year += 2500
    return be_year(year) - BE_OFFSET


def parse_period_text(text: str, fiscal_year: int) -> tuple[date, date] | None:
    """Read period text as whole months: ``มี.ค. – ก.ย.๖๔`` → (2021-03-01, 2021-09-30).

    A missing year is taken from the other end or else from the fiscal year (October to December
    fall in its first C.E. year). Returns None when the text does not read as one or two months.
    """
    plain = arabic(text)
    fiscal_ce = fiscal_year - BE_OFFSET
    months = [match for match in _MONTH_TOKEN.finditer(plain) if _stands_apart(plain, match)]
    if _WHOLE_YEAR.search(plain) and not months:
        return date(fiscal_ce - 1, 10, 1), date(fiscal_ce, 9, 30)
    if not 1 <= len(months) <= 2:
        return None
    ends: list[tuple[int, int | None]] = []
    for match in months:
        year = _YEAR_TOKEN.match(plain, match.end())
        month = _month_of(match)
        ends.append((month, _year_ce(year.group(1)) if year else None))
    (first_month, first_year), (last_month, last_year) = ends[0], ends[-1]
    if last_year is None:
        if first_year is not None:  # ธ.ค. ๖๓ – ม.ค.: the end runs into the next year
            last_year = first_year + (last_month < first_month)
        else:
            last_year = _fiscal_ce(last_month, fiscal_ce)
    if first_year is None:
        first_year = last_year if first_month <= last_month else last_year - 1
    start = date(first_year, first_month, 1)
    end = date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])
    return (start, end) if start <= end else None


def shift_period_text(text: str, years: int) -> str:
    """Period text ``years`` later, as typed otherwise: ``มี.ค. – ก.ย. ๖๔`` → ``มี.ค. – ก.ย. ๖๕``.

    Shifted: the year written right after a month (two or four digits), and any other four-digit
    year (``ปีงบประมาณ 2564``); Thai digits stay Thai. Other numbers (days, counts) stay.
    """
    plain = arabic(text)
    spans: set[tuple[int, int]] = set()
    for match in _MONTH_TOKEN.finditer(plain):
        if _stands_apart(plain, match) and (year := _YEAR_TOKEN.match(plain, match.end())):
            spans.add(year.span(1))
    spans |= {match.span() for match in _FOUR_DIGIT_YEAR.finditer(plain)}
    pieces: list[str] = []
    last = 0
    for start, end in sorted(spans):
        typed = text[start:end]
        shifted = f"{(int(plain[start:end]) + years) % (100 if end - start == 2 else 10_000):0{end - start}d}"
        pieces += [
            text[last:start],
            to_thai_digits(shifted) if typed != plain[start:end] else shifted,
        ]
        last = end
    return "".join(pieces) + text[last:]


def _stands_apart(text: str, match: re.Match[str]) -> bool:
    """A month name, or an abbreviation with its dots, or one not glued to Thai letters."""
    token = match.group()
    if "." in token or token in MONTHS_LONG:
        return True
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    return not _THAI_LETTER.match(before) and not _THAI_LETTER.match(after)


def _fiscal_ce(month: int, fiscal_ce: int) -> int:
    return fiscal_ce - 1 if month >= 10 else fiscal_ce


def format_period(start: date | None, end: date | None) -> str:
    """Dates → the short period of a Thai report, in Thai digits.

    ``มี.ค. – ก.ย. ๖๔`` (same year), ``ต.ค. ๖๓ – ก.ย. ๖๔`` (two years), ``ก.พ. ๖๔`` (one month).
    """
    if start is None and end is None:
        return ""
    first = start or end
    last = end or start
    assert first is not None and last is not None
    last_text = f"{MONTHS_SHORT[last.month - 1]} {_short_year(last)}"
    if (first.year, first.month) == (last.year, last.month):
        return to_thai_digits(last_text)
    first_text = MONTHS_SHORT[first.month - 1]
    if first.year != last.year:
        first_text += f" {_short_year(first)}"
    return to_thai_digits(f"{first_text} – {last_text}")


def period_text(period: Period) -> str:
    """The period as the report and ``check`` show it: the text as typed, else the dates."""
    return period.text or format_period(period.start, period.end)


def _short_year(value: date) -> str:
    return f"{(value.year + BE_OFFSET) % 100:02d}"


def parse_day(text: str) -> date:
    """A day typed on the command line: ``2021-03-31``, ``31/3/2564`` or ``31/3/2021``.

    Raises ValueError with a Thai message when it is neither.
    """
    plain = arabic(text.strip())
    try:
        day = date.fromisoformat(plain)
    except ValueError:
        try:
            parsed = parse_date_text(plain)
        except ValueError:
            parsed = None
        if parsed is None:
            raise ValueError(
                f"อ่านวันที่ '{text}' ไม่ได้ — ใช้ ปปปป-ดด-วว (2021-03-31) หรือ วัน/เดือน/ปี (31/3/2564)"
            ) from None
        return parsed
    # An ISO date typed in B.E. (2564-03-31) is still a B.E. date.
    return day.replace(year=be_year(day.year) - BE_OFFSET) if day.year >= 2400 else day
