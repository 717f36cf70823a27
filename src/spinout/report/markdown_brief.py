"""The Markdown parts around the findings: the brief that opens every report, spinout's own
notes on items, "check what exists now" and the glossary."""

from __future__ import annotations

from spinout.report import sentences as say
from spinout.report.brief import Brief, brief
from spinout.report.model import Report
from spinout.report.text import MD, md_escape, number


def opening(r: Report) -> list[str]:
    """The brief: it stands alone on two printed pages."""
    b = brief(r)
    band = r.summary.band
    if band is None or r.summary.confidence is None:
        return []
    lines = ["## In brief", ""]
    if r.group is not None:
        from spinout.report import markdown_group

        lines += markdown_group.warnings(r.group)
    lines.append(f"- {say.band_heading(r)}: **{md_escape(band.name)}**")
    if band.provisional:
        lines.append(f"- {say.provisional(band, r.summary.confidence)}")
    if band.ranged:
        lines.append(f"- {say.band_range(band, MD)}")
    if band.capped_by:
        lines.append(f"- {say.held_at_band(band, MD)}")
    lines.append(f"- Overall readiness: {number(r.summary.overall)} out of 100; confidence: "
                 f"{say.confidence(r.summary.confidence)}")
    lines += ["", "Most serious barriers:", ""]
    lines += [f"- {md_escape(x.title)}" for x in b.barriers] or [f"- {say.NO_BARRIERS}"]
    lines += ["", say.stage_line(r, MD), "", *_remaining(r, b)]
    lines += [f"{say.brief_forms_heading(r)}:", ""]
    if not r.forms.ranked:
        lines += [say.forms_not_ranked(r, MD), ""]
    lines += [f"- {say.form_reason(f, MD)}" for f in b.forms]
    if r.forms.ranked and not b.forms:
        lines.append(f"- {say.NO_FORM_FITS}")
    if lines[-1] == "":
        lines.pop()
    lines += ["", "Next three actions:", ""]
    lines += [f"{i}. {say.short_action(a, MD)}" for i, a in enumerate(b.actions, 1)] or [
        say.no_actions(r)]
    return [*lines, "", "What this means: " + say.meaning(r, MD)]


def _remaining(r: Report, b: Brief) -> list[str]:
    """What remains of the stage, as a list followed by a blank line (nothing when nothing)."""
    if not b.remaining:
        return []
    lines = [f"{say.remaining_title(r)}:", ""]
    lines += [f"- {md_escape(c.label)}" for c in b.remaining]
    if b.more_remaining:
        lines.append(f"- … and {b.more_remaining} more (see Stage)")
    return [*lines, ""]


def note(text: str | None) -> list[str]:
    """spinout's own advice on an item, labelled as such ([] when there is none)."""
    return ["", f"*{say.NOTE_LABEL}* {md_escape(text)}"] if text else []


def dated(r: Report) -> list[str]:
    if not r.dated:
        return []
    return ["## Check what exists now", "", say.DATED_INTRO, "",
            *(f"- {say.dated(item, MD)}" for item in r.dated)]


def glossary(r: Report) -> list[str]:
    if not r.glossary:
        return []
    lines = ["## Words used in this report", ""]
    return lines + [f"- **{md_escape(g.term)}**: {md_escape(g.definition)}" for g in r.glossary]
