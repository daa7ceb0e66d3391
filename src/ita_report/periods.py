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

_DATE_TEXT = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")


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


def parse_date_text(text: str) -> date | None:
    """``"19/4/2564"`` or ``"19/4/2021"`` (Thai digits allowed) → a date; None if not that form.

    Raises ValueError for a date of that form that does not exist (31/2/2564).
    """
    match = _DATE_TEXT.match(arabic(text))
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    return date(be_year(year) - BE_OFFSET, month, day)


def as_date(value: object) -> date | None:
    """A cell value that stands for a day → that date; other values → None.

    Excel takes ``1/10/2567`` typed by a Thai clerk as the year 2567 C.E.; a real date with a
    year of 2400 or more is therefore read as B.E.
    """
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        return None
    if value.year >= 2400:
        try:
            return value.replace(year=value.year - BE_OFFSET)
        except ValueError:  # 29 February of a B.E. year whose C.E. year is no leap year
            return None
    return value


def _year_ce(token: str) -> int:
    year = int(token)
    if year < 100:
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
        month = _MONTH_ALTERNATIVES[int(match.lastgroup[1:])][1]  # type: ignore[index]
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
