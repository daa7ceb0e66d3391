"""Settings a user makes through environment variables, each read by one rule.

A time limit set by a variable (``ITA_REPORT_RENDER_TIMEOUT``, ``ITA_REPORT_PDF_TIMEOUT``) is a
number of seconds greater than 0. Anything else is an error naming the variable: a typo must
neither lift the limit silently nor stop every report with a misleading message.
"""

from __future__ import annotations

import math
import os

from ita_report.errors import ItaError


def seconds_setting(
    name: str, *, example: int, otherwise: str, error: type[ItaError] = ItaError
) -> float | None:
    """The seconds environment variable ``name`` sets; None when it is unset or blank.

    ``example`` is shown as a sensible value, ``otherwise`` says (in Thai) what happens when the
    variable is removed; ``error`` is the exception raised for a value that is no positive number.
    """
    text = os.environ.get(name, "").strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise error(
            f"ตัวแปร {name} ต้องเป็นจำนวนวินาทีที่มากกว่า 0 เช่น {example} (พบ '{text}')"
            f" — แก้ค่าตัวแปร หรือลบตัวแปรนี้{otherwise}"
        )
    return seconds
