"""The parts of a Markdown report only a group has: warnings, who answered, disagreements."""

from __future__ import annotations

from spinout.report.model import DisagreementRow, GroupInfo, RoleRow
from spinout.report.text import md_escape, md_refs, number, percent


def warnings(g: GroupInfo) -> list[str]:
    """Warnings as bold paragraphs heading the summary."""
    lines: list[str] = []
    for w in g.warnings:
        editorial = " (editorial guidance)" if w.editorial else ""
        lines += [f"**Warning: {md_escape(w.title)}.** {md_escape(w.message)}{md_refs(w.refs)}"
                  f"{editorial}", ""]
    return lines


def sections(g: GroupInfo) -> list[list[str]]:
    return [respondents(g), disagreements(g)]


def respondents(g: GroupInfo) -> list[str]:
    lines = ["## Respondents", "", f"- Respondents: {g.respondents}"]
    if g.staff is not None:
        share = f" ({percent(g.participation)} took part)" if g.participation is not None else ""
        lines.append(f"- Staff in the service: {g.staff:g}{share}")
    else:
        lines.append("- Staff in the service: not known, so participation cannot be judged")
    lines.append(f"- Senior managers among respondents: {percent(g.senior_share)}")
    lines += ["", f"Role mix (figures are withheld for any role with fewer than "
              f"{g.min_group_size} respondents):", ""]
    lines += [role(x) for x in g.roles]
    lines += ["", "Readiness bands of individual respondents:", ""]
    lines += [f"- {md_escape(b.name)}: {b.count} ({percent(b.share)})" for b in g.bands]
    return lines


def role(x: RoleRow) -> str:
    head = f"- {md_escape(x.label)}: {x.count}"
    if x.suppressed:
        return head + " (too few to show figures)"
    medians = ", ".join(f"{md_escape(m.name)} {number(m.median)}" for m in x.medians)
    return f"{head}; median overall {number(x.overall)}; {medians}"


def disagreements(g: GroupInfo) -> list[str]:
    lines = ["## Where the group disagrees"]
    if not g.disagreements:
        return [*lines, "", "Respondents answered alike wherever two or more answered."]
    lines += ["", "Questions with the most divided answers first (0 means all agree, 1 an even "
              "split between opposite ends)."]
    for d in g.disagreements:
        lines += ["", *disagreement(d)]
    return lines


def disagreement(d: DisagreementRow) -> list[str]:
    lines = [f"- {md_escape(d.text)}: disagreement {d.index:.2f} over {d.answered} answers"]
    if d.counts:
        lines += [f"  - {md_escape(c.label)}: {c.count}" for c in d.counts]
    elif d.spread is not None:
        sp = d.spread
        lines.append(f"  - lowest {sp.low:g}, middle half {sp.q1:g} to {sp.q3:g}, highest "
                     f"{sp.high:g}")
    return lines

