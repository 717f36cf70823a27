"""Dates in words for people, ISO 8601 for machines."""

from __future__ import annotations

import pytest

from spinout.report.dates import in_words


@pytest.mark.parametrize(("iso", "words"), [
    ("2026-11-30T03:59:58+00:00", "30 November 2026"),
    ("2026-01-01", "1 January 2026"),
    ("2026-02-28T23:30:00-05:00", "28 February 2026"),  # the respondent's own day, not UTC's
    ("2026-07-04T10:00:00Z", "4 July 2026"),
])
def test_iso_dates_come_out_in_words(iso: str, words: str) -> None:
    assert in_words(iso) == words


@pytest.mark.parametrize("text", ["last Tuesday", "2026-13-01", ""])
def test_text_that_is_not_a_date_is_left_alone(text: str) -> None:
    assert in_words(text) == text


def test_no_date_stays_none() -> None:
    assert in_words(None) is None
