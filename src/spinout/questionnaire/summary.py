"""The summary shown at the end of a questionnaire: band, scores, barriers, stage, legal forms
and next best actions. Fits the console's width and reads the same without colour: bars are
drawn with characters, and text from the rules is never parsed as markup."""

from __future__ import annotations

from typing import Any

from spinout.engine.result import Assessment, NextAction
from spinout.questionnaire.screens import label_for, safe
from spinout.ruleset.model import RuleSet

BAR_FULL = "█"
BAR_EMPTY = "░"
MAX_BAR = 20
TOP_FORMS = 3
NOT_ENOUGH = "not enough answers"
MIN_BAR = len(NOT_ENOUGH)


def show(con: Any, rs: RuleSet, a: Assessment) -> None:
    con.print(render(rs, a, con.width))


def render(rs: RuleSet, a: Assessment, width: int) -> Any:
    """The whole summary as one rich renderable, laid out for ``width`` columns."""
    from rich.console import Group
    from rich.rule import Rule

    parts: list[Any] = [Rule(safe("Your readiness summary", "bold"), align="left")]
    parts += _band(rs, a)
    parts += _heading("Readiness by dimension")
    parts.append(_bars(rs, a, width))
    parts += _heading("Barriers")
    parts += _barriers(rs, a)
    parts += _heading("Where you are")
    parts += _stage(rs, a)
    parts += _heading("Legal forms that fit best")
    parts += _forms(rs, a)
    parts += _heading("Next best actions")
    parts += _actions(rs, a)
    return Group(*parts)


def _heading(title: str) -> list[Any]:
    from rich.text import Text

    return [Text(), Text(title, style="bold underline")]


def _band(rs: RuleSet, a: Assessment) -> list[Any]:
    from rich.text import Text

    band = rs.band(a.band)
    line = Text("Band: ") + safe(band.name, "bold")
    if a.capped_by:
        titles = ", ".join(_barrier_title(rs, b) for b in a.capped_by)
        line += Text(" (capped by blocker ") + safe(titles, "red") + Text(")")
    overall = NOT_ENOUGH if a.overall is None else f"{a.overall:.0f}/100"
    lines = [line, Text(f"Overall: {overall} · confidence {a.confidence:.0%}")]
    lines.append(safe(band.description, "dim"))
    return lines


def bar(score: float, width: int) -> str:
    """A text bar of ``width`` characters, filled in proportion to a 0–100 score."""
    filled = round(max(0.0, min(100.0, score)) / 100 * width)
    return BAR_FULL * filled + BAR_EMPTY * (width - filled)


def _bars(rs: RuleSet, a: Assessment, width: int) -> Any:
    from rich.table import Table
    from rich.text import Text

    bar_width = max(MIN_BAR, min(MAX_BAR, width // 4))
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column(ratio=1)
    table.add_column(no_wrap=True, width=bar_width)
    table.add_column(justify="right", no_wrap=True, width=4)
    for d in a.dimensions:
        name = safe(rs.dimension(d.id).name)
        if d.score is None:
            table.add_row(name, Text(NOT_ENOUGH, style="dim"), Text("–"))
        else:
            style = "green" if d.score >= 66 else "yellow" if d.score >= 40 else "red"
            table.add_row(name, Text(bar(d.score, bar_width), style=style),
                          Text(f"{d.score:.0f}"))
    return table


def _barrier_title(rs: RuleSet, bid: str) -> str:
    return rs.barrier(bid).title


def _barriers(rs: RuleSet, a: Assessment) -> list[Any]:
    from rich.text import Text

    items = [Text(f"{word}: ", style=style) + safe(_barrier_title(rs, b.id))
             for severity, word, style in (("blocker", "Blocker", "red"),
                                           ("major", "Major", "yellow"))
             for b in a.barriers if b.severity == severity]
    lines: list[Any] = [_numbered(items, "•")] if items else [
        Text("No blockers or major barriers found.")]
    minor = sum(1 for b in a.barriers if b.severity == "minor")
    if minor:
        lines.append(Text(f"…and {minor} minor barrier{'s' if minor != 1 else ''} "
                          "(see the report).", style="dim"))
    return lines


def _stage(rs: RuleSet, a: Assessment) -> list[Any]:
    from rich.text import Text

    stage = rs.stages[a.stage.index]
    lines = [Text(f"Stage {a.stage.index + 1} of {len(rs.stages)}: ") + safe(stage.name, "bold")]
    if a.stage.complete:
        lines.append(Text("Every stage's criteria are met."))
        return lines
    remaining = a.stage.remaining
    if remaining:
        lines.append(Text("Still to do before moving on:"))
        lines.append(_numbered([safe(c.label) for c in remaining], "  •"))
    return lines


def _forms(rs: RuleSet, a: Assessment) -> list[Any]:
    from rich.text import Text

    names = {f.id: f.name for f in rs.legal_forms}
    fits = [f for f in a.legal_forms if not f.excluded][:TOP_FORMS]
    if not fits:
        return [Text("None of the legal forms fits these answers; see the report.")]
    return [_numbered([safe(names[f.id], "bold") + Text(f" (fit {f.fit:+g})", style="dim")
                       for f in fits])]


def action_text(rs: RuleSet, action: NextAction) -> str:
    """What to do, phrased from the rules: the question's ``action``, or the answer change."""
    q = rs.question(action.question)
    if q.action:
        return q.action
    return (f"Change '{q.text}' from '{label_for(rs, q.id, action.current)}' "
            f"to '{label_for(rs, q.id, action.target)}'")


def _actions(rs: RuleSet, a: Assessment) -> list[Any]:
    from rich.text import Text

    if not a.next_actions:
        return [Text("No single answer change would raise readiness.")]
    items = []
    for action in a.next_actions:
        text = safe(action_text(rs, action)) + Text("\n")
        text += Text(f"+{action.overall_gain:.1f} overall", style="green")
        if action.clears:
            text += Text("; clears ") + safe(", ".join(_barrier_title(rs, b)
                                                       for b in action.clears))
        items.append(text)
    return [_numbered(items)]


def _numbered(items: list[Any], marker: str = "") -> Any:
    """A list whose wrapped lines stay indented under their first line."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column()
    for i, item in enumerate(items, 1):
        grid.add_row(marker or f"{i}.", item)
    return grid
