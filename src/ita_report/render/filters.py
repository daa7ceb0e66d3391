"""The filters a template can use, beyond Jinja's built-in ones.

Each accepts what the context holds (and ``None`` as empty) and returns plain text; the
environment escapes that text for XML, so a filter never has to.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from ita_report.model import Period
from ita_report.periods import period_text
from ita_report.thai import thai_date as _thai_date
from ita_report.thai import to_arabic_digits, to_thai_digits


def thai_digits(value: object) -> str:
    """Any value as text in Thai digits (addresses excepted).

    The whole report is converted at the end as ``--digits`` says, so this matters only for
    text outside it, such as a document property.
    """
    return "" if value is None else to_thai_digits(str(value))


def arabic_digits(value: object) -> str:
    """Any value as text in Arabic digits (addresses excepted)."""
    return "" if value is None else to_arabic_digits(str(value))


def thai_date(value: date | str | None) -> str:
    """A date in the long Thai form, ``19 เมษายน 2564``; text (a date typed as text) is kept."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return _thai_date(value.date())
    if isinstance(value, date):
        return _thai_date(value)
    return str(value)


def period(value: Period | str | None) -> str:
    """When a method runs: its period text as typed, else the short form of its dates."""
    if value is None:
        return ""
    if isinstance(value, Period):
        return period_text(value)
    return str(value)


def percent(value: float | int, places: int = 2) -> str:
    """A share (0.8966) as a percentage without the sign (``89.66``); whole numbers bare (``100``).

    Rounded half up, as people round, not to even as ``round`` does.
    """
    exponent = Decimal(1).scaleb(-places)
    number = (Decimal(str(value)) * 100).quantize(exponent, rounding=ROUND_HALF_UP)
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


FILTERS: dict[str, Callable[..., str]] = {
    "thai_digits": thai_digits,
    "arabic_digits": arabic_digits,
    "thai_date": thai_date,
    "period": period,
    "percent": percent,
}
