"""Every sentence a report prints, written once.

The Markdown and HTML renderers and the terminal summary all call these; each passes a
:class:`Style` saying how its format escapes untrusted text and marks strong text and
quotations, so the words are the same everywhere and only the markup differs. Reference
numbers and "editorial guidance" marks are added by the renderers after the sentence.

The sentences of the summary, of the findings and of group reports are written in
:mod:`sentences_summary`, :mod:`sentences_findings`, :mod:`sentences_group` and
:mod:`sentences_compare`; every one is available from here.
"""

from __future__ import annotations

from spinout.report.dates import in_words
from spinout.report.model import ActionItem, DatedItem, FormItem, Report, RulesInfo
from spinout.report.sentences_compare import (
    CHANGE_WORDS,
    COMPARE_CHART_KEY,
    COMPARE_NO_DATA,
    HIGHER_IS_BETTER,
    NO_DATA,
    PROGRESS_WORDS,
    RULES_CHANGED,
    VERDICT_WORDS,
    change_verdict,
    compare_moves,
    compared_part,
    compared_rules,
    compared_score,
    compared_side,
    score_change,
)
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
    no_actions,
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

__all__ = ["ALIKE", "ALREADY_MET", "BANDS_OF_RESPONDENTS", "CHANGE_WORDS", "COMPARE_CHART_KEY",
           "COMPARE_NO_DATA", "CONTEXT", "CONTRIBUTIONS", "DIVIDED", "EARLIER", "GROUP_ACTIONS",
           "GROUP_NO_BARRIERS", "HIGHER_IS_BETTER", "HOW_TO_RESPOND", "NO_ACTIONS", "NO_BARRIERS",
           "NO_DATA", "PROGRESS_WORDS", "RULES_CHANGED", "RUNNING", "Style", "TOO_FEW",
           "UNKNOWN_CRITERIA", "UNMET", "VERDICT_WORDS", "WHAT_TO_DO", "WHY_IT_MATTERS",
           "WITHHELD_FIGURE", "action", "advice_title", "answered_dont_know", "band_count",
           "band_heading", "band_range", "barrier_share", "barriers_left_out", "cap_lift",
           "change_verdict", "compare_moves", "compared_part", "compared_rules", "compared_score",
           "compared_side", "confidence", "conflict", "context", "contribution", "count",
           "dimension_heading", "dimension_weight", "disagreement", "evidence", "first_choice",
           "forms_heading", "forms_not_ranked", "group_caps", "held_at_band", "journey_step",
           "narrowing", "no_actions", "not_yet_answered", "number", "number_spread",
           "option_count", "people", "protection", "provisional", "remaining_title", "role_row",
           "ruled_out_for", "score_change", "senior_share", "signed", "spread", "staff",
           "stage_line", "tied", "unknown", "warning", "weakest", "withheld"]


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


NO_FORM_FITS = "None of the legal forms fits these answers."


def brief_forms_heading(r: Report) -> str:
    return "Legal forms that fit best" if r.forms.ranked else "Legal forms"


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
    if stage.ranged:
        where = (f"somewhere from stage {stage.index + 1} to stage {stage.high + 1} of "
                 f"{len(stage.journey)}, depending on answers not known yet")
    parts.append(f"The work is {'' if stage.ranged else 'at '}{where}" + (
        f"; next, {s.text(remaining[0].label[0].lower() + remaining[0].label[1:])}."
        if remaining else "."))
    if confidence < 0.5:
        parts.append(f"Only {percent(confidence)} of the weighted questions have a "
                     "real answer, so treat this as a first look: answering the unknowns will "
                     "change it.")
    return " ".join(parts)
