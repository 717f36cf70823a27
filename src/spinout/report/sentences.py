"""Every sentence a report prints, written once.

The Markdown and HTML renderers and the terminal summary all call these; each passes a
:class:`Style` saying how its format escapes untrusted text and marks strong text and
quotations, so the words are the same everywhere and only the markup differs. Reference
numbers and "editorial guidance" marks are added by the renderers after the sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from spinout.report.dates import in_words
from spinout.report.model import (
    ActionItem,
    BandInfo,
    BarrierItem,
    ContextItem,
    ContributionItem,
    Count,
    DatedItem,
    DimensionItem,
    DisagreementRow,
    EvidenceItem,
    FormItem,
    GroupInfo,
    NamedCount,
    Report,
    RoleRow,
    RulesInfo,
    StageStep,
    UnknownItem,
    WarningItem,
)
from spinout.report.text import number, percent, plural, signed
from spinout.report.wording import UNKNOWN_REASONS

NO_BARRIERS = "No barriers were triggered by these answers."
NO_ACTIONS = "No single change of answer would raise readiness."
GROUP_ACTIONS = ("Worked out on the group's typical answers (the most common answer to each "
                 "question).")
CONTRIBUTIONS = "Answers that drove this score:"
WHY_IT_MATTERS = "Why it matters:"
WHAT_TO_DO = "What to do:"
HOW_TO_RESPOND = ("How to respond (this rests on facts about the service or outside events, "
                  "which the group cannot change):")


def advice_title(b: BarrierItem) -> str:
    """The heading of a barrier's steps: what to do, or how to respond to a fact."""
    return HOW_TO_RESPOND if b.facts else WHAT_TO_DO


class Style(Protocol):
    """How a format writes untrusted text, strong text and quotations."""

    def text(self, value: object, mid_line: bool = False) -> str: ...

    def strong(self, inner: str) -> str: ...

    def quote(self, inner: str) -> str: ...


def held_at_band(band: BandInfo, s: Style) -> str:
    """Why the band is lower than the scores alone would give (empty when it is not)."""
    if not band.capped_by:
        return ""
    names = ", ".join(s.text(b.name) for b in band.capped_by)
    return (f"Held at this band by {plural(len(band.capped_by), 'barrier')}: {names}; the "
            f"scores alone would give {s.text(band.uncapped.name)}")


def cap_lift(band: BandInfo, s: Style) -> str:
    """What would lift the caps holding the band down ("" when none does)."""
    if not band.caps:
        return ""
    binding = next((c for c in band.caps if c.cap.id == band.id), band.caps[0])
    changeable = [c for c in band.caps if not c.facts]
    facts = [c for c in band.caps if c.facts]
    parts = []
    if changeable:
        asked = "; ".join(dict.fromkeys(s.quote(s.text(q.name)) for c in changeable
                                        for q in c.answers))
        them = "it" if len(changeable) == 1 else "them"
        parts.append(f"the answers to {asked} no longer raise {them}" if asked else
                     "those barriers no longer apply")
    if facts:
        names = ", ".join(s.text(c.barrier.name) for c in facts)
        parts.append(f"the facts behind {names} change (see the advice on how to respond)")
    return (f"{s.text(binding.barrier.name)} allows at most {s.text(binding.cap.name)}. The cap "
            f"lifts only when {' and '.join(parts)}")


def band_range(band: BandInfo, s: Style) -> str:
    """The bands the unknown answers could still lead to ("" when they cannot move it)."""
    if not band.ranged or band.low is None or band.high is None:
        return ""
    span = f"{s.text(band.low.name)} to {s.text(band.high.name)}"
    if band.score_high is None:
        return (f"Could still be anywhere from {span}: this runs from the median respondent's "
                "worst band to the median respondent's best, with the answers still unknown")
    return (f"Could still be anywhere from {span} (overall {number(band.score_low)} to "
            f"{number(band.score_high)}), depending on the answers still unknown")


def narrowing(band: BandInfo, s: Style) -> str:
    if not band.narrowing:
        return ""
    return ("Answers that would narrow the range most: "
            + "; ".join(s.quote(s.text(q.name)) for q in band.narrowing))


def provisional(band: BandInfo, confidence: float) -> str:
    """Why the band is only provisional ("" when it is established)."""
    if not band.provisional:
        return ""
    return (f"Provisional: only {percent(confidence)} of the weighted questions are answered, "
            f"below the {percent(band.min_confidence)} this rule set asks for before a band "
            "is shown as established. Most of the evidence is still missing, so the band's "
            "description is not shown.")


def band_heading(r: Report) -> str:
    """The words before the band's name in a summary."""
    median = " (median)" if r.kind == "group" else ""
    provisional = r.summary.band is not None and r.summary.band.provisional
    return f"Readiness band{median}{' (provisional)' if provisional else ''}"


def confidence(value: float | None) -> str:
    if value is None:
        return WITHHELD_FIGURE
    return f"{percent(value)} of the weighted questions answered"


def weakest(r: Report, s: Style) -> str:
    """The weakest dimension and its score ("" when no dimension has a score)."""
    w = r.summary.weakest
    if w is None:
        return ""
    score = next(d.score for d in r.dimensions if d.id == w.id)
    return f"{s.text(w.name)} ({number(score)})"


def dimension_heading(d: DimensionItem, kind: str, s: Style) -> str:
    if d.withheld:
        return f"{s.text(d.name)}: withheld, too few respondents have a score"
    if d.score is None:
        return f"{s.text(d.name)}: no answers yet"
    label = "median score" if kind == "group" else "score"
    return f"{s.text(d.name)}: {label} {number(d.score)} out of 100"


def dimension_weight(d: DimensionItem) -> str:
    if d.confidence is None:
        return f"Weight {d.weight:g}."
    return f"Confidence {percent(d.confidence)}, weight {d.weight:g}."


def spread(d: DimensionItem) -> str:
    """How respondents' scores for a dimension spread ("" for an individual, or withheld)."""
    sp = d.spread
    if sp is None or sp.suppressed:
        return ""
    return (f"Middle half of respondents' scores: {number(sp.q1, 0)} to {number(sp.q3, 0)} "
            f"({people(sp.count)} have a score; figures rounded to 5 points).")


def contribution(c: ContributionItem, s: Style) -> str:
    return (f"{s.text(c.text)} {s.quote(s.text(c.answer_label))}: "
            f"{c.points:.0f} points, weight {c.weight:g}, adds {number(c.share)}")


def not_yet_answered(d: DimensionItem, s: Style) -> str:
    """The questions scoring the dimension that were asked and left unanswered ("" if none);
    questions never asked, because their conditions did not hold, are not listed."""
    if not d.unanswered:
        return ""
    return "Not answered yet: " + "; ".join(s.text(u.name) for u in d.unanswered)


def answered_dont_know(d: DimensionItem, s: Style) -> str:
    """The questions scoring the dimension answered "don't know" ("" if none)."""
    if not d.dont_know:
        return ""
    names = "; ".join(s.text(u.name) for u in d.dont_know)
    return "Answered " + s.quote("don't know") + ": " + names


def barrier_share(b: BarrierItem, respondents: int) -> str:
    if b.count is None or b.share is None:
        return ""
    return (f"Raised for {people(b.count)} of {respondents} ({percent(b.share)}).")


def evidence(items: Sequence[EvidenceItem], s: Style) -> str:
    """The answers (and scores) that triggered a barrier."""
    def one(e: EvidenceItem) -> str:
        if e.kind == "dimension":
            return f"{s.text(e.name)} score {s.text(e.label)}"
        return f"{s.text(e.name)} {s.quote(s.text(e.label))}"

    return "Triggered by: " + "; ".join(one(e) for e in items) if items else ""


def stage_line(r: Report, s: Style) -> str:
    st = r.stage
    if st is None:
        return f"Group's stage (median): {WITHHELD_FIGURE}"
    where = "Completed the last stage" if st.complete else "Current stage"
    if r.kind == "group":
        where = "Group's stage (median)"
    name = s.strong(s.text(st.name, mid_line=True))
    if st.ranged:
        high = s.strong(s.text(st.high_name, mid_line=True))
        return (f"{s.text(where)}: between {name} and {high} ({st.index + 1} to "
                f"{st.high + 1} of {len(st.journey)}), depending on answers not known yet")
    return f"{s.text(where)}: {name} ({st.index + 1} of {len(st.journey)})"


RUNNING = ("This group already runs the service as a mutual: read the scores and barriers as "
           "how well placed it is to run and sustain the mutual, not as readiness to start.")
UNMET = "What remains"
UNKNOWN_CRITERIA = "Not known yet (answers that would settle the stage)"
EARLIER = "Still open from earlier stages"
ALREADY_MET = "Already met"


def journey_step(step: StageStep, s: Style) -> str:
    count = f", {people(step.count)}" if step.count is not None else ""
    return f"{s.text(step.name, mid_line=True)} ({step.status}{count})"


def remaining_title(r: Report) -> str:
    return "To complete this stage" if r.kind == "group" else "What remains"


def action(a: ActionItem, band: str, s: Style) -> str:
    """A next best action: what to do, the answer it changes, and what that would gain."""
    what = f"{s.strong(s.text(a.action))}: " if a.action else ""
    if a.count is None:
        move = (f"move {s.quote(s.text(a.text))} from {s.quote(s.text(a.current_label))} to "
                f"{s.quote(s.text(a.target_label))}")
    else:
        waiting = (f"{people(a.count)} have not given it yet" if a.count.value is not None
                   else "too few respondents to show have not given it yet")
        move = (f"answer {s.quote(s.text(a.text))} with {s.quote(s.text(a.target_label))} "
                f"({waiting})")
    parts = [f"overall {signed(a.overall_gain)}"]
    parts += [f"{s.text(g.name)} {signed(g.gain)}" for g in a.dimension_gains]
    if a.clears:
        parts.append("clears " + ", ".join(s.text(b.name) for b in a.clears))
    if a.band_after and a.band_after.id != band:
        parts.append(f"band becomes {s.text(a.band_after.name)}")
    if not what:
        move = move[0].upper() + move[1:]
    return f"{what}{move}: {'; '.join(parts)}."


def unknown(u: UnknownItem, kind: str, s: Style) -> str:
    who = f", about {plural(u.count, 'respondent')}" if kind == "group" else ""
    return f"{s.text(u.text)} ({s.text(UNKNOWN_REASONS.get(u.reason, u.reason))}{who})"


def forms_heading(r: Report) -> str:
    return "Legal forms, best fit first" if r.forms.ranked else "Legal forms"


def forms_not_ranked(r: Report, s: Style) -> str:
    """Why the legal forms are not ranked ("" when they are)."""
    f = r.forms
    if f.ranked:
        return ""
    if f.ruled_out_by:
        names = ", ".join(s.text(b.name) for b in f.ruled_out_by)
        return (f"Legal forms are not ranked: your answers raise {names}, which rules out a "
                "mutual for this service until it is resolved.")
    if not f.questions:
        return ("Legal forms are not ranked: no answer separates them, so each fits as well "
                "as the others.")
    asked = "; ".join(s.quote(s.text(q.name)) for q in f.questions)
    return (f"Legal forms are not ranked: no answer yet separates them. Answer these to "
            f"compare them: {asked}.")


def conflict(title: str, why: str, s: Style) -> str:
    head = s.strong(f"Your wishes conflict: {s.text(title, mid_line=True)}.")
    return f"{head} {s.text(why)}"


def tied(f: FormItem, forms: Sequence[FormItem]) -> str:
    """" (tied)" after a form that shares its rank with another open form."""
    same = [g for g in forms if not g.excluded and g.rank == f.rank]
    return " (tied)" if not f.excluded and len(same) > 1 else ""


CONTEXT = "About the service (context only, not scored)"


def context(c: ContextItem, s: Style) -> str:
    return f"{s.text(c.text)} {s.quote(s.text(c.answer))}. {s.text(c.help)}"


# --- group reports ----------------------------------------------------------------------------

ALIKE = "Respondents answered alike wherever enough of them answered to show it."
DIVIDED = ("Questions with the most divided answers first (0 means all agree, 1 an even split "
           "between opposite ends).")
BANDS_OF_RESPONDENTS = "Readiness bands of individual respondents"
TOO_FEW = "too few to show"
WITHHELD_FIGURE = "withheld (too few respondents)"
GROUP_NO_BARRIERS = "No barrier was raised for enough respondents to be shown."


def people(c: Count) -> str:
    """A protected count of respondents: "about 10 respondents", or too few to show."""
    if c.value is None:
        return "too few respondents to show"
    return f"about {plural(c.value, 'respondent')}"


def count(c: Count) -> str:
    return TOO_FEW if c.value is None else f"about {c.value}"


def withheld(g: GroupInfo) -> str:
    """Why a group report below the minimum size shows no figures."""
    return (f"Figures are withheld: fewer than {g.min_group_size} respondents answered, so any "
            "score, band, stage, barrier or legal form shown could reveal what one of them "
            "said. Only the number of respondents and the warnings are shown.")


def protection(g: GroupInfo) -> str:
    """How the figures of a group report are protected."""
    return (f"To protect individuals, a figure resting on fewer than {g.min_group_size} "
            "respondents is not shown, counts are rounded (“about”), and scores are rounded to 5 "
            "points.")


def barriers_left_out(g: GroupInfo) -> str:
    return f"Barriers raised for fewer than {g.min_group_size} respondents are not listed."


def first_choice(first: Count, respondents: int) -> str:
    if first.value is None:
        return f"First choice for {people(first)}."
    return f"First choice for {people(first)} of {respondents}."


def ruled_out_for(excluded: Count, respondents: int) -> str:
    return f"Ruled out by the answers of {people(excluded)} of {respondents}."


def group_caps(g: GroupInfo, respondents: int, s: Style) -> str:
    """How many respondents' bands barriers held down, and by which ("" when none)."""
    if not g.capped or g.capped < g.min_group_size:
        return ""
    names = ", ".join(f"{s.text(c.name)} (about {c.count.value})" for c in g.caps
                      if c.count.value is not None)
    return (f"A barrier held the band down for {g.capped} of {respondents} respondents"
            + (f": {names}" if names else ""))


def staff(g: GroupInfo) -> str:
    if g.staff is None:
        return "not known, so participation cannot be judged"
    share = f" ({percent(g.participation)} took part)" if g.participation is not None else ""
    return f"{g.staff:g}{share}"


def senior_share(g: GroupInfo) -> str:
    return TOO_FEW if g.senior_share is None else f"about {percent(g.senior_share)}"


def role_row(x: RoleRow, s: Style) -> str:
    head = f"{s.text(x.label)}: {count(x.count)}"
    if x.suppressed:
        return head if x.count.suppressed else head + " (figures withheld: too few others)"
    medians = ", ".join(f"{s.text(m.name)} {_median(m.median)}" for m in x.medians)
    return f"{head}; median overall {_median(x.overall)}; {medians}"


def _median(value: float | None) -> str:
    return TOO_FEW if value is None else number(value, 0)


def band_count(b: NamedCount, s: Style) -> str:
    if b.share is None:
        return f"{s.text(b.name)}: {count(b.count)}"
    return f"{s.text(b.name)}: {count(b.count)} ({percent(b.share)})"


def disagreement(d: DisagreementRow, s: Style) -> str:
    return (f"{s.text(d.text)}: disagreement {d.index:.1f} over {count(d.answered)} "
            "answers")


def option_count(label: str, c: Count) -> str:
    return f"{label}: {count(c)}"


def number_spread(d: DisagreementRow) -> str:
    sp = d.spread
    if sp is None or sp.suppressed:
        return ""
    return f"median {sp.median:g}, middle half {sp.q1:g} to {sp.q3:g}"


def warning(w: WarningItem, s: Style) -> str:
    return f"{s.strong('Warning: ' + s.text(w.title) + '.')} {s.text(w.message)}"


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
