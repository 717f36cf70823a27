"""Dates as a reader writes them ("30 November 2026"); JSON reports keep ISO 8601."""

from __future__ import annotations

from datetime import date, datetime

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def in_words(value: str | None) -> str | None:
    """The calendar date of an ISO 8601 date or timestamp, in words, in the timestamp's own
    offset (the day the respondent saw); text that is not ISO 8601 comes back unchanged."""
    if value is None:
        return None
    day = _parse(value.strip())
    return value if day is None else f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _parse(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
