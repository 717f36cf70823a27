"""The report as CommonMark that also reads well as plain text.

Every text from the rules or the answers passes through :func:`md_escape`, so markup, HTML and
links in it stay as typed characters. No tables (not CommonMark); lists and short paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterator

from spinout.report import markdown_group
from spinout.report.model import (
    ActionItem,
    BarrierItem,
    DimensionItem,
    EvidenceItem,
    FormItem,
    Reference,
    Report,
)
from spinout.report.text import (
    md_escape,
    md_lines,
    md_refs,
    number,
    percent,
    plural,
    short_digest,
    signed,
)
from spinout.report.wording import (
    EDITORIAL,
    REASON_NAMES,
    SEVERITY_NAMES,
    UNKNOWN_REASONS,
    comments_note,
    fit_text,
)

ITALIC_EDITORIAL = f"*{EDITORIAL}*"


def render(report: Report) -> str:
    """The whole report as Markdown text ending in one newline."""
    blocks: list[list[str]] = [header(report), summary(report)]
    if report.group is not None:
        blocks += markdown_group.sections(report.group)
    blocks += [dimensions(report), barriers(report), stage(report), legal_forms(report),
               next_actions(report), unknowns(report), comments(report), references(report)]
    lines = [line for block in blocks if block for line in [*block, ""]]
    return "\n".join(lines).rstrip("\n") + "\n"


def header(r: Report) -> list[str]:
    rules = r.rules
    kind = "Group readiness report" if r.kind == "group" else "Readiness report"
    lines = [f"# {kind}", "", f"**{md_escape(rules.title)}**", "",
             f"- Rule set: {md_escape(rules.name)} {md_escape(rules.version)} "
             f"(digest {md_escape(short_digest(rules.digest))})"]
    if r.kind == "group":
        lines.append(f"- Respondents: {r.respondents}")
    else:
        lines.append(f"- Respondent role: {md_escape(r.role.name) if r.role else 'not given'}")
    lines.append(f"- Date: {md_escape(r.date) if r.date else 'not recorded'}")
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
    lines.append(f"- Readiness band{' (median)' if r.kind == 'group' else ''}: "
                 f"**{md_escape(band.name)}**: {md_escape(band.description)} (editorial guidance)")
    if band.capped_by:
        names = ", ".join(md_escape(b.name) for b in band.capped_by)
        lines.append(f"- Held at this band by {plural(len(band.capped_by), 'blocker')}: "
                     f"{names}; the scores alone would give {md_escape(band.uncapped.name)}")
    lines += [f"- Overall readiness{' (median)' if r.kind == 'group' else ''}: "
              f"{number(s.overall)} out of 100",
              f"- Confidence: {percent(s.confidence)} of the weighted questions answered"]
    if s.weakest:
        score = next(d.score for d in r.dimensions if d.id == s.weakest.id)
        lines.append(f"- Weakest dimension: {md_escape(s.weakest.name)} ({number(score)})")
    return lines


def dimensions(r: Report) -> list[str]:
    lines = ["## Readiness by dimension"]
    for d in r.dimensions:
        lines += ["", *dimension(d, r.kind)]
    return lines


def dimension(d: DimensionItem, kind: str) -> list[str]:
    label = "median score" if kind == "group" else "score"
    lines = [f"### {md_escape(d.name)}: {label} {number(d.score)} out of 100{md_refs(d.refs)}", "",
             md_escape(d.description), "", f"Confidence {percent(d.confidence)}, weight "
             f"{d.weight:g}."]
    if d.editorial:
        lines += ["", ITALIC_EDITORIAL]
    if d.spread is not None:
        sp = d.spread
        lines += ["", f"Spread over {sp.n} respondents: lowest {number(sp.low)}, middle "
                  f"half {number(sp.q1)} to {number(sp.q3)}, highest {number(sp.high)}."]
    if d.contributions:
        lines += ["", "Answers that drove this score:", ""]
        lines += [f"- {md_escape(c.text)} “{md_escape(c.answer_label)}”: {c.points:.0f} points, "
                  f"weight {c.weight:g}, adds {number(c.share)}" for c in d.contributions]
    if d.unknowns:
        lines += ["", "Not yet answered: " + "; ".join(md_escape(u.name) for u in d.unknowns)]
    return lines


def barriers(r: Report) -> list[str]:
    lines = ["## Barriers"]
    if not r.barriers:
        return [*lines, "", "No barriers were triggered by these answers."]
    for b in r.barriers:
        lines += ["", *barrier(b, r.respondents)]
    return lines


def barrier(b: BarrierItem, respondents: int) -> list[str]:
    lines = [f"### {SEVERITY_NAMES.get(b.severity, b.severity)}: {md_escape(b.title)}"
             f"{md_refs(b.refs)}", ""]
    if b.share is not None:
        lines += [f"Raised for {percent(b.share)} of respondents ({b.count} of {respondents}).",
                  ""]
    lines += [f"Why it matters: {md_escape(b.why)}", "", "What to do:", ""]
    lines += [f"{i}. {md_escape(step)}" for i, step in enumerate(b.what_to_do, 1)]
    if b.evidence:
        lines += ["", "Triggered by: " + "; ".join(evidence(e) for e in b.evidence)]
    if b.editorial:
        lines += ["", ITALIC_EDITORIAL]
    return lines


def evidence(e: EvidenceItem) -> str:
    if e.kind == "dimension":
        return f"{md_escape(e.name)} score {md_escape(e.label)}"
    return f"{md_escape(e.name)} “{md_escape(e.label)}”"


def stage(r: Report) -> list[str]:
    st = r.stage
    where = "Completed the last stage" if st.complete else "Current stage"
    if r.kind == "group":
        where = "Group's stage (median)"
    lines = ["## Stage", "", f"{where}: **{md_escape(st.name, mid_line=True)}** "
             f"({st.index + 1} of {len(st.journey)}){md_refs(st.refs)}", "",
             md_escape(st.description), "", "Journey: " + " → ".join(
                 f"{md_escape(s.name, mid_line=True)} ({s.status}"
                 + (f", {plural(s.count, 'respondent')}" if s.count is not None else "") + ")"
                 for s in st.journey)]
    if st.editorial:
        lines += ["", ITALIC_EDITORIAL]
    if st.remaining:
        title = "To complete this stage:" if r.kind == "group" else "What remains:"
        lines += ["", title, ""]
        lines += [f"- {md_escape(c.label)}" for c in st.remaining]
    met = [c for c in st.criteria if c.met]
    if met:
        lines += ["", "Already met:", ""]
        lines += [f"- {md_escape(c.label)}" for c in met]
    lines += ["", "Tasks at this stage:", ""]
    lines += [f"- {md_escape(t)}" for t in st.tasks]
    return lines


def legal_forms(r: Report) -> list[str]:
    lines = ["## Legal forms, best fit first", ""]
    for f in r.legal_forms:
        lines += list(legal_form(f))
    return lines[:-1]


def legal_form(f: FormItem) -> Iterator[str]:
    yield f"{f.rank}. **{md_escape(f.name)}** ({fit_text(f)}){md_refs(f.refs)}"
    yield ""
    yield f"   {md_escape(f.summary)}"
    if f.editorial:
        yield ""
        yield f"   {ITALIC_EDITORIAL}"
    items = [f"{REASON_NAMES[x.effect]}: {md_escape(x.text)}" for x in f.reasons]
    items += [f"Caveat: {md_escape(c)}" for c in f.caveats]
    if items:
        yield ""
        yield from (f"   - {item}" for item in items)
    yield ""


def next_actions(r: Report) -> list[str]:
    lines = ["## Next best actions"]
    if not r.next_actions:
        return [*lines, "", "No single change of answer would raise readiness."]
    if r.kind == "group":
        lines += ["", "Worked out on the group's typical answers (the most common answer to "
                  "each question)."]
    lines.append("")
    for i, a in enumerate(r.next_actions, 1):
        lines += [f"{i}. {action(a, r.summary.band.id)}", ""]
    return lines[:-1]


def action(a: ActionItem, band: str) -> str:
    what = f"**{md_escape(a.action)}**: " if a.action else ""
    if a.count is None:
        move = (f"move “{md_escape(a.text)}” from “{md_escape(a.current_label)}” to "
                f"“{md_escape(a.target_label)}”")
    else:
        move = (f"answer “{md_escape(a.text)}” with “{md_escape(a.target_label)}” "
                f"({plural(a.count, 'respondent')} {'has' if a.count == 1 else 'have'} not "
                "given it yet)")
    parts = [f"overall {signed(a.overall_gain)}"]
    parts += [f"{md_escape(g.name)} {signed(g.gain)}" for g in a.dimension_gains]
    if a.clears:
        parts.append("clears " + ", ".join(md_escape(b.name) for b in a.clears))
    if a.band_after and a.band_after.id != band:
        parts.append(f"band becomes {md_escape(a.band_after.name)}")
    editorial = " (editorial guidance)" if a.editorial else ""
    text = f"{what}{move}: {'; '.join(parts)}.{md_refs(a.refs)}{editorial}"
    return text if what else text[0].upper() + text[1:]


def unknowns(r: Report) -> list[str]:
    if not r.unknowns:
        return []
    lines = ["## Unknowns to resolve", ""]
    for u in r.unknowns:
        who = f", {plural(u.count, 'respondent')}" if r.kind == "group" else ""
        editorial = " (editorial guidance)" if u.editorial else ""
        lines.append(f"- {md_escape(u.text)} ({UNKNOWN_REASONS.get(u.reason, u.reason)}{who})"
                     f"{md_refs(u.refs)}{editorial}")
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
    lines = ["## References", ""]
    for ref in r.citations:
        lines += [*reference(ref), ""]
    return lines[:-1]


def reference(ref: Reference) -> list[str]:
    lines = [f"{ref.n}. {md_escape(ref.title)} ({md_escape(ref.file)}), line {ref.line}"]
    if ref.headline:
        lines += ["", f"   Article: {md_escape(ref.headline)}"]
    return [*lines, "", f"   > {md_escape(ref.quote)}"]
