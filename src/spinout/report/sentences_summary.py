"""Sentences of a report's summary: the band, what holds it down, the range the answers
could still reach, the confidence and the weakest dimension."""

from __future__ import annotations

from spinout.report.model import BandInfo, Report
from spinout.report.sentences_group import WITHHELD_FIGURE
from spinout.report.text import Style, number, percent, plural


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
    scores = (f"overall up to {number(band.score_high)}" if band.score_low is None else
              f"overall {number(band.score_low)} to {number(band.score_high)}")
    return f"Could still be anywhere from {span} ({scores}), depending on the answers still unknown"


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
