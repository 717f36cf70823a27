"""Every sentence the compare report prints (Markdown and HTML), written once."""

from __future__ import annotations

from collections.abc import Sequence

from spinout.report.dates import in_words
from spinout.report.sentences_group import WITHHELD_FIGURE
from spinout.report.text import Style, number, plural, signed

CHANGE_WORDS = {"up": "up", "down": "down", "same": "no change", "unknown": "not comparable"}
PROGRESS_WORDS = {"forward": "moved forward", "back": "moved back", "same": "no change",
                  "unknown": "not comparable"}
VERDICT_WORDS = {"up": "better", "down": "worse", "same": "no change", "unknown": ""}
NO_DATA = "no data"
HIGHER_IS_BETTER = ("Scores run from 0 to 100 and higher is better for every dimension, also "
                    "for those named after a problem: a rising score means the problem is "
                    "easing.")
COMPARE_CHART_KEY = ("In each row the upper bar (“Before”) is the earlier assessment and the "
                     "lower bar (“After”) the later one. Under the bars, ▲ and “better” mark a "
                     "rise, ▼ and “worse” a fall, = no change.")
COMPARE_NO_DATA = (f"A hatched bar marked “{NO_DATA}” has no score on that side, which is not a "
                   "score of 0.")
RULES_CHANGED = ("the rule set changed between the two, so some movement may come from it")


def compared_score(value: float | None) -> str:
    """A score on one side of a comparison, or "no data"."""
    return NO_DATA if value is None else number(value)


def score_change(old: float | None, new: float | None, change: float | None,
                 direction: str) -> str:
    """``44.2 → 80.0 (+35.8, up)``: a score on both sides and how it moved."""
    moved = "" if change is None else f"{signed(change)}, "
    return f"{number(old)} → {number(new)} ({moved}{CHANGE_WORDS[direction]})"


def change_verdict(change: float | None, direction: str) -> str:
    """How a score moved, in words that do not rely on an arrow or a colour:
    ``+35.8, up: better``, ``±0.0, no change``, ``not comparable: no data on one side``."""
    if change is None:
        return f"{CHANGE_WORDS['unknown']}: {NO_DATA} on one side"
    if direction == "same":
        return f"{signed(change)}, {CHANGE_WORDS['same']}"
    return f"{signed(change)}, {CHANGE_WORDS[direction]}: {VERDICT_WORDS[direction]}"


def compared_rules(name: str, old_version: object, new_version: object, changed: bool,
                   s: Style) -> str:
    """``mini 0.1`` or ``mini 0.1 → 0.2``, and a warning when the rule set changed."""
    versions = (s.text(new_version) if old_version == new_version
                else f"{s.text(old_version)} → {s.text(new_version)}")
    said = f"{s.text(name)} {versions}"
    return said + f" ({RULES_CHANGED})" if changed else said


def compared_side(source: str, date: str | None, respondents: int, s: Style) -> str:
    """One side of a comparison: where it came from, its date in words, how many answered."""
    day = in_words(date) if date else "undated"
    return (f"{s.text(source, mid_line=True)}, {s.text(day, mid_line=True)}, "
            f"{plural(respondents, 'respondent')}")


def compared_part(name: str | None, s: Style) -> str:
    """A band or stage on one side, or why it is not shown."""
    return WITHHELD_FIGURE if name is None else s.text(name, mid_line=True)


def compare_moves(directions: Sequence[str]) -> str:
    """How many scores rose, fell, stayed and could not be compared, in one sentence."""
    counts = [(directions.count(d), word) for d, word in (
        ("up", "went up"), ("down", "went down"), ("same", "did not change"),
        ("unknown", "cannot be compared"))]
    parts = [f"{n} {word}" for n, word in counts if n]
    return (("Of these scores, " + ", ".join(parts) + ".") if parts
            else "There are no scores to compare.")
