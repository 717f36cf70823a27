"""Sentences of a report's findings: dimensions, barriers, the stage, next best actions,
unknowns, legal forms and the context answers."""

from __future__ import annotations

from collections.abc import Sequence

from spinout.report.model import (
    ActionItem,
    BarrierItem,
    ContextItem,
    ContributionItem,
    DimensionItem,
    EvidenceItem,
    FormItem,
    Report,
    StageStep,
    UnknownItem,
)
from spinout.report.sentences_group import WITHHELD_FIGURE, people
from spinout.report.text import Style, number, percent, plural, signed
from spinout.report.wording import UNKNOWN_REASONS

NO_BARRIERS = "No barriers were triggered by these answers."
NO_ACTIONS = "No single change of answer would raise readiness."


def no_actions(r: Report) -> str:
    """Why no next action is listed; with questions still open, what to do instead."""
    if r.unknowns:
        return ("No single change of answer would raise readiness on its own: the next step "
                "is to answer the questions still open.")
    return NO_ACTIONS
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
        if any(x.excluded for x in r.legal_forms):
            return ("Legal forms are not ranked: no answer separates the forms not ruled out, "
                    "so each of them fits as well as the others.")
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
