"""The parts of a Markdown report only a group has: warnings, who answered, disagreements."""

from __future__ import annotations

from spinout.report import sentences as say
from spinout.report.model import DisagreementRow, GroupInfo
from spinout.report.text import MD, md_escape, md_refs


def warnings(g: GroupInfo) -> list[str]:
    """Warnings as bold paragraphs heading the summary."""
    lines: list[str] = []
    for w in g.warnings:
        editorial = " (editorial guidance)" if w.editorial else ""
        lines += [f"{say.warning(w, MD)}{md_refs(w.refs)}{editorial}", ""]
    return lines


def sections(g: GroupInfo) -> list[list[str]]:
    return [respondents(g), disagreements(g)]


def respondents(g: GroupInfo) -> list[str]:
    lines = ["## Respondents", "", f"- Respondents: {g.respondents}",
             f"- Staff in the service: {say.staff(g)}"]
    lines.append(f"- Senior managers among respondents: {say.senior_share(g)}")
    lines += ["", f"Role mix (figures are withheld for any role with fewer than "
              f"{g.min_group_size} respondents):", ""]
    lines += [f"- {say.role_row(x, MD)}" for x in g.roles]
    lines += ["", f"{say.BANDS_OF_RESPONDENTS}:", ""]
    lines += [f"- {say.band_count(b, MD)}" for b in g.bands]
    return lines


def disagreements(g: GroupInfo) -> list[str]:
    lines = ["## Where the group disagrees"]
    if not g.disagreements:
        return [*lines, "", say.ALIKE]
    lines += ["", say.DIVIDED]
    for d in g.disagreements:
        lines += ["", *disagreement(d)]
    return lines


def disagreement(d: DisagreementRow) -> list[str]:
    lines = [f"- {say.disagreement(d, MD)}"]
    if d.counts:
        lines += [f"  - {say.option_count(md_escape(c.label), c.count)}" for c in d.counts]
    elif d.spread is not None:
        lines.append(f"  - {say.number_spread(d)}")
    return lines

