"""The summary shown at the end of a questionnaire: band, scores, barriers, stage, legal forms
and next best actions, from the same report model the written report is made of, in the same
sentences. Fits the console's width and reads the same without colour: bars are drawn with
characters, and text from the rules is never parsed as markup."""

from __future__ import annotations

from typing import Any

from spinout.questionnaire.screens import safe
from spinout.report import sentences as say
from spinout.report.model import Report
from spinout.report.wording import fit_text
from spinout.textsafe import strip_controls

BAR_FULL = "█"
BAR_EMPTY = "░"
MAX_BAR = 20
TOP_FORMS = 3
NOT_ENOUGH = "not enough answers"
MIN_BAR = len(NOT_ENOUGH)


class PlainStyle:
    """How the terminal writes the shared sentences: plain text, “quotes”, no markup (rich
    markup in the text is never interpreted: the sentence becomes a plain Text)."""

    def text(self, value: object, mid_line: bool = False) -> str:
        return " ".join(strip_controls(str(value)).split())

    def strong(self, inner: str) -> str:
        return inner

    def quote(self, inner: str) -> str:
        return f"“{inner}”"


PLAIN = PlainStyle()


def show(con: Any, report: Report) -> None:
    con.print(render(report, con.width))


def render(r: Report, width: int) -> Any:
    """The whole summary as one rich renderable, laid out for ``width`` columns."""
    from rich.console import Group
    from rich.rule import Rule

    parts: list[Any] = [Rule(safe("Your readiness summary", "bold"), align="left")]
    parts += _band(r)
    parts += _heading("Readiness by dimension")
    parts.append(_bars(r, width))
    parts += _heading("Barriers")
    parts += _barriers(r)
    parts += _heading("Where you are")
    parts += _stage(r)
    parts += _heading(say.brief_forms_heading(r))
    parts += _forms(r)
    parts += _heading("Next best actions")
    parts += _actions(r)
    return Group(*parts)


def _heading(title: str) -> list[Any]:
    from rich.text import Text

    return [Text(), Text(title, style="bold underline")]


def _band(r: Report) -> list[Any]:
    from rich.text import Text

    band = r.summary.band
    if band is None or r.summary.confidence is None:  # only a withheld group report
        return []
    lines = []
    if band.provisional:
        lines.append(safe(say.provisional(band, r.summary.confidence), "yellow"))
    lines.append(Text("Band (provisional): " if band.provisional else "Band: ")
                 + safe(band.name, "bold"))
    if band.ranged:
        lines.append(safe(say.band_range(band, PLAIN) + "."))
    if band.narrowing:
        lines.append(safe(say.narrowing(band, PLAIN) + ".", "dim"))
    if band.capped_by:
        lines.append(safe(say.held_at_band(band, PLAIN) + ".", "red"))
        lines.append(safe(say.cap_lift(band, PLAIN) + ".", "red"))
    overall = NOT_ENOUGH if r.summary.overall is None else f"{r.summary.overall:.0f}/100"
    lines.append(Text(f"Overall: {overall} · confidence {r.summary.confidence:.0%}"))
    if not band.provisional:
        lines.append(safe(band.description, "dim"))
    return lines


def bar(score: float, width: int) -> str:
    """A text bar of ``width`` characters, filled in proportion to a 0–100 score."""
    filled = round(max(0.0, min(100.0, score)) / 100 * width)
    return BAR_FULL * filled + BAR_EMPTY * (width - filled)


def _bars(r: Report, width: int) -> Any:
    from rich.table import Table
    from rich.text import Text

    bar_width = max(MIN_BAR, min(MAX_BAR, width // 4))
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column(ratio=1)
    table.add_column(no_wrap=True, width=bar_width)
    table.add_column(justify="right", no_wrap=True, width=4)
    for d in r.dimensions:
        name = safe(d.name)
        if d.score is None:
            table.add_row(name, Text(NOT_ENOUGH, style="dim"), Text("–"))
        else:
            style = "green" if d.score >= 66 else "yellow" if d.score >= 40 else "red"
            table.add_row(name, Text(bar(d.score, bar_width), style=style),
                          Text(f"{d.score:.0f}"))
    return table


def _barriers(r: Report) -> list[Any]:
    from rich.text import Text

    items = [Text(f"{word}: ", style=style) + safe(b.title)
             for severity, word, style in (("blocker", "Blocker", "red"),
                                           ("major", "Major", "yellow"))
             for b in r.barriers if b.severity == severity]
    lines: list[Any] = [_numbered(items, "•")] if items else [
        Text("No blockers or major barriers found.")]
    minor = sum(1 for b in r.barriers if b.severity == "minor")
    if minor:
        lines.append(Text(f"…and {minor} minor barrier{'s' if minor != 1 else ''} "
                          "(see the report).", style="dim"))
    return lines


def _stage(r: Report) -> list[Any]:
    from rich.text import Text

    stage = r.stage
    if stage is None:  # only a withheld group report
        return []
    if stage.ranged:
        lines = [safe(say.stage_line(r, PLAIN) + ".")]
    else:
        lines = [Text(f"Stage {stage.index + 1} of {len(stage.journey)}: ")
                 + safe(stage.name, "bold")]
    if stage.running:
        lines.append(safe(say.RUNNING))
    if stage.complete:
        lines.append(Text("Every stage's criteria are met."))
        return lines
    if stage.remaining:
        from spinout.report.brief import distinct_remaining

        lines.append(Text("Still to do before moving on:"))
        lines.append(_numbered([safe(c.label) for c in distinct_remaining(r)], "  •"))
    return lines


def _forms(r: Report) -> list[Any]:
    from rich.text import Text

    from spinout.report.brief import shown_forms

    fits = shown_forms(r)[:TOP_FORMS]
    if not r.forms.ranked:
        return [safe(say.forms_not_ranked(r, PLAIN))] + (
            [_numbered([safe(f.name, "bold") for f in fits], "  •")] if fits else [])
    if not fits:
        return [Text(f"{say.NO_FORM_FITS} See the report.")]
    return [_numbered([safe(f.name, "bold") + Text(f" ({fit_text(f)})", style="dim")
                       for f in fits])]


def _actions(r: Report) -> list[Any]:

    if not r.next_actions:
        return [safe(say.no_actions(r))]
    band = r.summary.band.id if r.summary.band else ""
    return [_numbered([safe(say.action(a, band, PLAIN)) for a in r.next_actions])]


def _numbered(items: list[Any], marker: str = "") -> Any:
    """A list whose wrapped lines stay indented under their first line."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column()
    for i, item in enumerate(items, 1):
        grid.add_row(marker or f"{i}.", item)
    return grid
