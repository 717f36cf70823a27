"""Dates and times as survey platforms export them, turned into the ISO 8601 text answers files
keep in ``started`` and ``updated``.

Read: ISO (``2024-03-05T10:12:33``, ``…Z``, ``…+01:00``; Kobo, ODK, Qualtrics, Excel cells),
``2024/03/05 10:12:33 am GMT`` (Google Forms) and ``05/03/2024 10:12`` or
``03/05/2024 10:12:33 AM`` (SmartSurvey, SurveyMonkey). Whether ``05/03`` is the 5th of March
or the 3rd of May is decided once per column: a first number above 12 anywhere means day
first, a second number above 12 means month first; when nothing tells, day first (the UK
order), and the caller is told so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

_SLASHED = re.compile(
    r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"\s*([ap]\.?m\.?)?\s*(.*)$", re.IGNORECASE)
_DATE_ONLY = re.compile(r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$")
_UTC = frozenset({"gmt", "utc", "z"})
_OFFSET = re.compile(r"^(?:gmt|utc)?([+-])(\d{1,2}):?(\d{2})?$", re.IGNORECASE)


def day_first(cells: Iterable[str]) -> tuple[bool, bool]:
    """(day first?, was it only assumed?) for a column of dates: assumed when the column
    holds day-and-month dates and none of them tells the order."""
    first = second = seen = False
    for cell in cells:
        match = _SLASHED.match(cell.strip()) or _DATE_ONLY.match(cell.strip())
        if match is None or len(match.group(1)) == 4:
            continue
        seen = True
        first |= int(match.group(1)) > 12
        second |= int(match.group(2)) > 12
    if first or second:
        return first, False
    return True, seen


def iso(cell: str, dayfirst: bool = True) -> str | None:
    """The time in ISO 8601 (seconds, with the offset when the export gives one), or None
    when the text is not a date and time read here."""
    text = cell.strip()
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text).isoformat(timespec="seconds")
    except ValueError:
        pass
    match = _SLASHED.match(text) or _DATE_ONLY.match(text)
    if match is None:
        return None
    parts = match.groups()
    a, b, c = (int(p) for p in parts[:3])
    if len(parts[0]) == 4:
        year, month, day = a, b, c
    else:
        day, month, year = (a, b, c) if dayfirst else (b, a, c)
    if year < 100:
        year += 2000
    hour, minute, second = (int(p or 0) for p in parts[3:6]) if len(parts) > 3 else (0, 0, 0)
    if len(parts) > 3 and parts[6]:
        if hour > 12:
            return None
        hour = hour % 12 + (12 if parts[6].lower().startswith("p") else 0)
    try:
        when = dt.datetime(year, month, day, hour, minute, second,
                           tzinfo=_zone(parts[7] if len(parts) > 3 else ""))
    except ValueError:
        return None
    return when.isoformat(timespec="seconds")


def _zone(text: str) -> dt.tzinfo | None:
    word = text.strip().casefold()
    if word in _UTC:
        return dt.UTC
    match = _OFFSET.match(word)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        return dt.timezone(sign * dt.timedelta(hours=int(match.group(2)),
                                               minutes=int(match.group(3) or 0)))
    return None
