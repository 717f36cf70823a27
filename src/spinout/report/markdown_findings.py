"""The findings of a Markdown report: dimensions, barriers, the stage and legal forms."""

from __future__ import annotations

from collections.abc import Iterator

from spinout.report import markdown_brief as parts
from spinout.report import sentences as say
from spinout.report.model import BarrierItem, DimensionItem, FormItem, Report
from spinout.report.text import MD, md_escape, md_refs
from spinout.report.wording import EDITORIAL, REASON_NAMES, SEVERITY_NAMES, fit_text

ITALIC_EDITORIAL = f"*{EDITORIAL}*"


def dimensions(r: Report) -> list[str]:
    lines = ["## Readiness by dimension"]
    for d in r.dimensions:
        lines += ["", *dimension(d, r.kind)]
    return lines


def dimension(d: DimensionItem, kind: str) -> list[str]:
    lines = [f"### {say.dimension_heading(d, kind, MD)}{md_refs(d.refs)}", "",
             md_escape(d.description), "", say.dimension_weight(d)]
    if d.editorial:
        lines += ["", ITALIC_EDITORIAL]
    lines += parts.note(d.note)
    if say.spread(d):
        lines += ["", say.spread(d)]
    if d.contributions:
        lines += ["", say.CONTRIBUTIONS, ""]
        lines += [f"- {say.contribution(c, MD)}" for c in d.contributions]
    for missing in (say.not_yet_answered(d, MD), say.answered_dont_know(d, MD)):
        if missing:
            lines += ["", missing]
    return lines


def barriers(r: Report) -> list[str]:
    lines = ["## Barriers"]
    if r.group is not None:
        if not r.barriers:
            return [*lines, "", say.GROUP_NO_BARRIERS, "", say.barriers_left_out(r.group)]
        lines += ["", say.barriers_left_out(r.group)]
    elif not r.barriers:
        return [*lines, "", say.NO_BARRIERS]
    for b in r.barriers:
        lines += ["", *barrier(b, r.respondents)]
    return lines


def barrier(b: BarrierItem, respondents: int) -> list[str]:
    lines = [f"### {SEVERITY_NAMES.get(b.severity, b.severity)}: {md_escape(b.title)}"
             f"{md_refs(b.refs)}", ""]
    if b.share is not None:
        lines += [say.barrier_share(b, respondents), ""]
    lines += [f"{say.WHY_IT_MATTERS} {md_escape(b.why)}", "", say.advice_title(b), ""]
    lines += [f"{i}. {md_escape(step)}" for i, step in enumerate(b.what_to_do, 1)]
    if b.evidence:
        lines += ["", say.evidence(b.evidence, MD)]
    if b.editorial:
        lines += ["", ITALIC_EDITORIAL]
    return lines + parts.note(b.note)


def stage(r: Report) -> list[str]:
    st = r.stage
    if st is None:
        return ["## Stage", "", say.stage_line(r, MD)]
    lines = ["## Stage", "", f"{say.stage_line(r, MD)}{md_refs(st.refs)}", "",
             md_escape(st.description), "", "Journey: " + " → ".join(
                 say.journey_step(s, MD) for s in st.journey)]
    if st.editorial:
        lines += ["", ITALIC_EDITORIAL]
    lines += parts.note(st.note)
    if st.running:
        lines += ["", say.RUNNING]
    if r.kind == "group":
        groups = [(say.remaining_title(r), st.remaining)]
    else:
        groups = [(say.UNMET, st.unmet), (say.UNKNOWN_CRITERIA, st.unknown),
                  (say.EARLIER, st.earlier)]
    groups.append((say.ALREADY_MET, tuple(c for c in st.criteria if c.met)))
    for title, items in groups:
        if items:
            lines += ["", title + ":", ""]
            lines += [f"- {md_escape(c.label)}" for c in items]
    lines += ["", "Tasks at this stage:", ""]
    lines += [f"- {md_escape(t)}" for t in st.tasks]
    return lines


def legal_forms(r: Report) -> list[str]:
    lines = [f"## {say.forms_heading(r)}", ""]
    for title, why in r.forms.conflicts:
        lines += [say.conflict(title, why, MD), ""]
    if not r.forms.ranked:
        lines += [say.forms_not_ranked(r, MD), ""]
        if r.forms.ruled_out_by:
            return lines[:-1]
    for f in r.legal_forms:
        lines += list(legal_form(f, r))
    return lines[:-1]


def legal_form(f: FormItem, r: Report) -> Iterator[str]:
    mark = f"{f.rank}." if r.forms.ranked else "-"
    head = (f"{mark} **{md_escape(f.name)}** ({fit_text(f)}{say.tied(f, r.legal_forms)})"
            f"{md_refs(f.refs)}")
    if f.excluded and f.first is None:
        why = "; ".join(md_escape(x.text) for x in f.reasons if x.effect == "excludes")
        yield f"{head}: {why}" if why else head
        yield ""
        return
    yield head
    yield ""
    yield f"   {md_escape(f.summary)}"
    if f.editorial:
        yield ""
        yield f"   {ITALIC_EDITORIAL}"
    yield from (f"   {line}" if line else line for line in parts.note(f.note))
    items = [f"{REASON_NAMES[x.effect]}: {md_escape(x.text)}" for x in f.reasons]
    items += [f"Caveat: {md_escape(c)}" for c in f.caveats]
    if items:
        yield ""
        yield from (f"   - {item}" for item in items)
    yield ""
