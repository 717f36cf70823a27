"""Sentences only a group report has: protected counts of respondents, who answered, the
bands of respondents, divided answers and warnings."""

from __future__ import annotations

from spinout.report.model import (
    Count,
    DisagreementRow,
    GroupInfo,
    NamedCount,
    RoleRow,
    WarningItem,
)
from spinout.report.text import Style, number, percent, plural

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
