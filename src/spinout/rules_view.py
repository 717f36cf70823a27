"""Readable terminal views of a rule set, its items and its sources (`spinout rules show`,
`spinout sources`)."""

from __future__ import annotations

from typing import Any

from spinout.ruleset.model import RuleSet
from spinout.textsafe import for_terminal as t


def render_overview(out: Any, rs: RuleSet) -> None:
    out.print(f"[bold]{t(rs.header.title)}[/] ({t(rs.header.name)} {t(rs.header.version)})")
    out.print(f"digest {rs.digest}\n")
    out.print("[bold]Dimensions[/]")
    for d in rs.dimensions:
        out.print(f"  {t(d.id)}  {t(d.name)} (weight {d.weight:g}){_ed(d)}")
    for section in rs.sections:
        out.print(f"\n[bold]Section: {t(section.name)}[/]")
        for q in rs.questions_in_order():
            if q.section == section.id:
                cond = "  (conditional)" if q.when is not None else ""
                out.print(f"  {t(q.id)}  {t(f'[{q.type}]')} {t(q.text)}{cond}")
    out.print("\n[bold]Barriers[/]")
    for b in rs.barriers:
        out.print(f"  {t(b.id)}  {b.severity}: {t(b.title)}")
    out.print("\n[bold]Stages[/]")
    for i, s in enumerate(rs.stages, 1):
        out.print(f"  {i}. {t(s.id)}  {t(s.name)}{_ed(s)}")
    out.print("\n[bold]Legal forms[/]")
    for f in rs.legal_forms:
        out.print(f"  {t(f.id)}  {t(f.name)}{_ed(f)}")
    warnings = getattr(rs, "group_warnings", ())
    if warnings:
        out.print("\n[bold]Group warnings[/]")
        for w in warnings:
            out.print(f"  {t(w.id)}  {t(w.title)}{_ed(w)}")
    out.print("\nShow one item with:  spinout rules show ID")


def _ed(item: Any) -> str:
    return "  [italic](editorial)[/]" if getattr(item, "editorial", False) else ""


def render_item(out: Any, rs: RuleSet, kind: str, item: Any) -> None:
    out.print(f"[bold]{t(item.id)}[/] ({kind.rstrip('s').replace('_', ' ')}){_ed(item)}")
    data = {key: value for key, value in item.data().items()
            if key not in ("cite", "editorial", "id")}
    _fields(out, data, 1)
    cites = getattr(item, "cite", ())
    if cites:
        texts = rs.texts
        out.print("\n[bold]Citations[/]")
        for c in cites:
            line = texts[c.source].find(c.quote) if c.source in texts else None
            where = f"{rs.source(c.source).file}:{line}" if line else c.source
            out.print(f"  {t(where)}  \u201c{t(c.quote)}\u201d")


def _fields(out: Any, data: Any, depth: int) -> None:
    """Print plain data as indented ``key: value`` lines, lists with dashes, like YAML."""
    pad = "  " * depth
    if isinstance(data, dict):
        for key, value in data.items():
            if _empty(value):
                continue
            if isinstance(value, dict | list):
                out.print(f"{pad}{t(key)}:")
                _fields(out, value, depth + 1)
            else:
                out.print(f"{pad}{t(key)}: {t(_plain(value))}")
        return
    for value in data:
        if isinstance(value, dict | list):
            out.print(f"{pad}-")
            _fields(out, value, depth + 1)
        else:
            out.print(f"{pad}- {t(_plain(value))}")


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | dict | list) and not value)


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def show(rs: RuleSet, item_id: str | None) -> None:
    from spinout.console import console
    from spinout.ruleset.describe import find_item

    out = console()
    if item_id is None:
        render_overview(out, rs)
    else:
        kind, item = find_item(rs, item_id)
        render_item(out, rs, kind, item)


def list_sources(rs: RuleSet) -> None:
    from rich.table import Table

    from spinout.console import console
    from spinout.ruleset.describe import citation_counts
    from spinout.textsafe import for_terminal

    counts = citation_counts(rs)
    table = Table(title="Sources", title_justify="left")
    for col in ("id", "file", "title", "cited"):
        table.add_column(col, justify="right" if col == "cited" else "left",
                         no_wrap=col != "title", overflow="fold")
    for s in rs.sources:
        table.add_row(for_terminal(s.id), for_terminal(s.file), for_terminal(s.title),
                      str(counts[s.id]))
    console().print(table)


def show_source(rs: RuleSet, source_id: str) -> None:
    from spinout.console import console
    from spinout.textsafe import strip_controls

    if not rs.has("sources", source_id):
        from spinout.errors import Problem, UsageError
        from spinout.ruleset.checks import did_you_mean

        raise UsageError(Problem("spinout", None, None, f"no source `{source_id}`",
                                 did_you_mean(source_id, [s.id for s in rs.sources])))
    source = rs.source(source_id)
    out = console()
    out.print(strip_controls(f"{source.id}: {source.title} ({source.file})"), markup=False)
    lines = rs.seeds[source_id].splitlines()
    width = len(str(len(lines)))
    for number, line in enumerate(lines, 1):
        out.print(f"{number:>{width}}  {strip_controls(line)}", markup=False, soft_wrap=True)
