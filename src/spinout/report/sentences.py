"""Every sentence a report prints, written once.

The Markdown and HTML renderers and the terminal summary all call these; each passes a
:class:`Style` saying how its format escapes untrusted text and marks strong text and
quotations, so the words are the same everywhere and only the markup differs. Reference
numbers and "editorial guidance" marks are added by the renderers after the sentence.

The sentences of the summary, of the findings and of group reports are written in
:mod:`sentences_summary`, :mod:`sentences_findings` and :mod:`sentences_group`; every one is
available from here.
"""

from __future__ import annotations

from spinout.report.dates import in_words
from spinout.report.model import ActionItem, DatedItem, FormItem, Report, RulesInfo
from spinout.report.sentences_findings import (
    ALREADY_MET,
    CONTEXT,
    CONTRIBUTIONS,
    EARLIER,
    GROUP_ACTIONS,
    HOW_TO_RESPOND,
    NO_ACTIONS,
    NO_BARRIERS,
    RUNNING,
    UNKNOWN_CRITERIA,
    UNMET,
    WHAT_TO_DO,
    WHY_IT_MATTERS,
    action,
    advice_title,
    answered_dont_know,
    barrier_share,
    conflict,
    context,
    contribution,
    dimension_heading,
    dimension_weight,
    evidence,
    forms_heading,
    forms_not_ranked,
    journey_step,
    not_yet_answered,
    remaining_title,
    spread,
    stage_line,
    tied,
    unknown,
)
from spinout.report.sentences_group import (
    ALIKE,
    BANDS_OF_RESPONDENTS,
    DIVIDED,
    GROUP_NO_BARRIERS,
    TOO_FEW,
    WITHHELD_FIGURE,
    band_count,
    barriers_left_out,
    count,
    disagreement,
    first_choice,
    group_caps,
    number_spread,
    option_count,
    people,
    protection,
    role_row,
    ruled_out_for,
    senior_share,
    staff,
    warning,
    withheld,
)
from spinout.report.sentences_summary import (
    band_heading,
    band_range,
    cap_lift,
    confidence,
    held_at_band,
    narrowing,
    provisional,
    weakest,
)
from spinout.report.text import Style, number, percent, plural, signed

__all__ = ["ALIKE", "ALREADY_MET", "BANDS_OF_RESPONDENTS", "CONTEXT", "CONTRIBUTIONS", "DIVIDED",
           "EARLIER", "GROUP_ACTIONS", "GROUP_NO_BARRIERS", "HOW_TO_RESPOND", "NO_ACTIONS",
           "NO_BARRIERS", "RUNNING", "Style", "TOO_FEW", "UNKNOWN_CRITERIA", "UNMET", "WHAT_TO_DO",
           "WHY_IT_MATTERS", "WITHHELD_FIGURE", "action", "advice_title", "answered_dont_know",
           "band_count", "band_heading", "band_range", "barrier_share", "barriers_left_out",
           "cap_lift", "confidence", "conflict", "context", "contribution", "count",
           "dimension_heading", "dimension_weight", "disagreement", "evidence", "first_choice",
           "forms_heading", "forms_not_ranked", "group_caps", "held_at_band", "journey_step",
           "narrowing", "not_yet_answered", "number", "number_spread", "option_count", "people",
           "protection", "provisional", "remaining_title", "role_row", "ruled_out_for",
           "senior_share", "signed", "spread", "staff", "stage_line", "tied", "unknown", "warning",
           "weakest", "withheld"]


# --- how old the guidance is, and what to check ---------------------------------------------

DATED_INTRO = ("These findings name a scheme, body, right or law as it stood on the date "
               "shown. Check what exists now before you rely on them.")
NOTE_LABEL = "spinout's advice (editorial, not from the sources):"


def notice(rules: RulesInfo) -> str:
    """How old the sources are and when the guidance was last reviewed: said before anything
    else in every report and form."""
    period = rules.sources_period or "2010–2012"
    said = (f"This guidance rests on news and commentary about public service mutuals in "
            f"England from {period}, with later facts added as spinout's own dated guidance.")
    if rules.reviewed:
        said += f" It was last reviewed on {in_words(rules.reviewed)}."
    return (said + " Laws, schemes and bodies have changed since: check the current position "
            "before you act.")


def dated(item: DatedItem, s: Style) -> str:
    return f"{s.text(item.name)} (as at {s.text(item.as_of)})"


# --- the brief ---------------------------------------------------------------------------------


def short_action(a: ActionItem, s: Style) -> str:
    """A next action in a few words: what to do, or the answer to change."""
    if a.action:
        return s.text(a.action)
    return f"Move {s.quote(s.text(a.text))} to {s.quote(s.text(a.target_label))}"


def form_reason(f: FormItem, s: Style) -> str:
    """A legal form with the first reason it fits (its summary when no answer speaks for it)."""
    reason = next((x.text for x in f.reasons if x.effect == "for"), f.summary)
    return f"{s.strong(s.text(f.name))}: {s.text(reason)}"


def meaning(r: Report, s: Style) -> str:
    """One plain paragraph: what the findings mean for the group, in the report's words."""
    band, stage, confidence = r.summary.band, r.stage, r.summary.confidence
    if band is None or stage is None or confidence is None:
        return ""
    only = ", provisionally," if band.provisional else ""
    parts = [f"{'The group' if r.kind == 'group' else 'These answers'} put the service{only} "
             f"in the band {s.quote(s.text(band.name))}."]
    blockers = [b for b in r.barriers if b.severity == "blocker"]
    if blockers:
        parts.append(f"{plural(len(blockers), 'blocker').capitalize()} must be dealt with "
                     f"before anything else, starting with {s.quote(s.text(blockers[0].title))}.")
    elif r.barriers:
        parts.append(f"{plural(len(r.barriers), 'barrier').capitalize()} stand in the way; "
                     f"the most serious is {s.quote(s.text(r.barriers[0].title))}.")
    else:
        parts.append("No barrier was raised by these answers.")
    remaining = stage.remaining
    where = f"stage {stage.index + 1} of {len(stage.journey)}, {s.text(stage.name)}"
    parts.append(f"The work is at {where}" + (
        f"; next, {s.text(remaining[0].label[0].lower() + remaining[0].label[1:])}."
        if remaining else "."))
    if confidence < 0.5:
        parts.append(f"Only {percent(confidence)} of the weighted questions have a "
                     "real answer, so treat this as a first look: answering the unknowns will "
                     "change it.")
    return " ".join(parts)


# --- comparing two assessments (`spinout compare`) ------------------------------------------

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
