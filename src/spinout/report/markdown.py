"""The report as CommonMark that also reads well as plain text.

Every text from the rules or the answers passes through :func:`md_escape`, so markup, HTML and
links in it stay as typed characters. No tables (not CommonMark); lists and short paragraphs.
"""

from __future__ import annotations

from spinout.report import markdown_brief as parts
from spinout.report import markdown_group
from spinout.report import sentences as say
from spinout.report.dates import in_words
from spinout.report.markdown_findings import barriers, dimensions, legal_forms, stage
from spinout.report.model import ActionItem, Reference, Report
from spinout.report.text import MD, md_escape, md_lines, md_refs, number, short_digest
from spinout.report.wording import comments_note


def render(report: Report, brief_only: bool = False) -> str:
    """The whole report (or only its brief) as Markdown text ending in one newline. A group
    smaller than the minimum size shows who answered and nothing that could identify them."""
    withheld = report.group is not None and report.group.withheld
    blocks: list[list[str]] = [header(report)]
    if not withheld:
        blocks.append(parts.opening(report))
    if brief_only:
        return _joined(blocks)
    blocks.append(summary(report))
    if report.group is not None and withheld:
        blocks += [markdown_group.respondents(report.group), references(report)]
    else:
        if report.group is not None:
            blocks += markdown_group.sections(report.group)
        blocks += [dimensions(report), barriers(report), stage(report), legal_forms(report),
                   next_actions(report), unknowns(report), context(report), comments(report),
                   parts.dated(report), parts.glossary(report), references(report)]
    return _joined(blocks)


def _joined(blocks: list[list[str]]) -> str:
    lines = [line for block in blocks if block for line in [*block, ""]]
    return "\n".join(lines).rstrip("\n") + "\n"


def header(r: Report) -> list[str]:
    rules = r.rules
    kind = "Group readiness report" if r.kind == "group" else "Readiness report"
    lines = [f"# {kind}", "", f"**{md_escape(rules.title)}**", "", say.notice(rules), ""]
    if r.service:
        lines.append(f"- Service: {md_escape(r.service)}")
    lines.append(f"- Rule set: {md_escape(rules.name)} {md_escape(rules.version)} "
                 f"(digest {md_escape(short_digest(rules.digest))})")
    if r.kind == "group":
        lines.append(f"- Respondents: {r.respondents}")
    else:
        lines.append(f"- Respondent role: {md_escape(r.role.name) if r.role else 'not given'}")
    lines.append(f"- Date: {md_escape(in_words(r.date)) if r.date else 'not recorded'}")
    lines += ["", "Numbers in square brackets, like [1], point to the source passages listed "
              "under References at the end. Findings marked *Editorial guidance* go beyond "
              "what the sources say."]
    return lines


def summary(r: Report) -> list[str]:
    s = r.summary
    band = s.band
    lines = ["## Summary", ""]
    if r.group is not None:
        lines += markdown_group.warnings(r.group)
        if r.group.withheld:
            return [*lines, say.withheld(r.group)]
        lines += [say.protection(r.group), ""]
    if band is None or r.stage is None or s.confidence is None:
        return lines
    if r.stage.running:
        lines.append(f"- {say.RUNNING}")
    if band.provisional:
        lines.append(f"- {say.provisional(band, s.confidence)}")
        if band.narrowing:
            lines.append(f"- {say.narrowing(band, MD)}")
    described = "" if band.provisional else \
        f": {md_escape(band.description)} (editorial guidance)"
    lines.append(f"- {say.band_heading(r)}: **{md_escape(band.name)}**{described}")
    if band.ranged:
        lines.append(f"- {say.band_range(band, MD)}")
        if band.narrowing and not band.provisional:
            lines.append(f"- {say.narrowing(band, MD)}")
    if band.capped_by:
        lines.append(f"- {say.held_at_band(band, MD)}")
        lines.append(f"- {say.cap_lift(band, MD)}")
    if r.group is not None and r.group.capped:
        lines.append(f"- {say.group_caps(r.group, r.respondents, MD)}")
    lines += [f"- Overall readiness{' (median)' if r.kind == 'group' else ''}: "
              f"{number(s.overall)} out of 100",
              f"- Confidence: {say.confidence(s.confidence)}"]
    if s.weakest:
        lines.append(f"- Weakest dimension: {say.weakest(r, MD)}")
    return lines


def context(r: Report) -> list[str]:
    if not r.context:
        return []
    return ["## " + say.CONTEXT, "", *(f"- {say.context(c, MD)}" for c in r.context)]


def next_actions(r: Report) -> list[str]:
    lines = ["## Next best actions"]
    if not r.next_actions:
        return [*lines, "", say.no_actions(r)]
    if r.kind == "group":
        lines += ["", say.GROUP_ACTIONS]
    lines.append("")
    for i, a in enumerate(r.next_actions, 1):
        lines += [f"{i}. {action(a, r.summary.band.id if r.summary.band else '')}", ""]
    return lines[:-1]


def action(a: ActionItem, band: str) -> str:
    editorial = " (editorial guidance)" if a.editorial else ""
    return f"{say.action(a, band, MD)}{md_refs(a.refs)}{editorial}"


def unknowns(r: Report) -> list[str]:
    if not r.unknowns:
        return []
    lines = ["## Unknowns to resolve", ""]
    for u in r.unknowns:
        editorial = " (editorial guidance)" if u.editorial else ""
        lines.append(f"- {say.unknown(u, r.kind, MD)}{md_refs(u.refs)}{editorial}")
    return lines


def comments(r: Report) -> list[str]:
    note = comments_note(r.group) if r.group is not None else None
    if not r.comments and not note:
        return []
    lines = ["## Comments"]
    if note:
        lines += ["", note]
    last = None
    for c in r.comments:
        if c.question != last:
            lines += ["", f"**{md_escape(c.text)}**"]
            last = c.question
        lines += [""] + [f"> {line}".rstrip() for line in md_lines(c.answer)]
    return lines


def references(r: Report) -> list[str]:
    lines = ["## References", "", "Sources cited:", ""]
    lines += [f"- {md_escape(source)}" for source in r.sources]
    lines.append("")
    for ref in r.citations:
        lines += [*reference(ref), ""]
    return lines[:-1]


def reference(ref: Reference) -> list[str]:
    lines = [f"{ref.n}. {md_escape(ref.title)}, line {ref.line}"]
    if ref.headline:
        lines += ["", f"   Article: {md_escape(ref.headline)}"]
    return [*lines, "", f"   > {md_escape(ref.quote)}"]
