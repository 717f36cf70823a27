"""The report as versioned JSON (see schema/report.schema.json): deterministic bytes for the
same input: lists keep their meaningful order, scores round to one decimal, fractions to three,
and texts are cleaned of control characters."""

from __future__ import annotations

import json
from typing import Any

from spinout.report.model import (
    ActionItem,
    BandInfo,
    BarrierItem,
    Count,
    DimensionItem,
    DisagreementRow,
    FormItem,
    GroupInfo,
    Middle,
    Reference,
    Report,
    RoleRow,
    StageItem,
    Summary,
)
from spinout.report.text import clean

FORMAT = 2


def render(report: Report) -> str:
    return json.dumps(to_data(report), ensure_ascii=False, indent=2) + "\n"


def to_data(r: Report) -> dict[str, Any]:
    data: dict[str, Any] = {**_about(r), **_summary(r.summary), **_findings(r), **_around(r)}
    if r.group is not None:
        data.update(group(r, r.group))
    return data


def _about(r: Report) -> dict[str, Any]:
    """What the report is: its format, kind, rule set, date, service and respondents."""
    return {
        "format": FORMAT,
        "kind": r.kind,
        "rules": {"name": clean(r.rules.name), "version": clean(r.rules.version),
                  "digest": r.rules.digest, "title": clean(r.rules.title),
                  "sources_period": r.rules.sources_period, "reviewed": r.rules.reviewed},
        "date": clean(r.date) if r.date else None,
        "service": clean(r.service) if r.service else None,
        "respondents": r.respondents,
        "respondent": {"role": r.role.id if r.role else None,
                       "role_label": clean(r.role.name) if r.role else None},
    }


def _summary(s: Summary) -> dict[str, Any]:
    return {
        "overall": score(s.overall),
        "band": None if s.band is None else band_data(s.band),
        "confidence": fraction(s.confidence),
        "weakest_dimension": s.weakest.id if s.weakest else None,
    }


def _findings(r: Report) -> dict[str, Any]:
    return {
        "dimensions": [dimension(d) for d in r.dimensions],
        "barriers": [barrier(b) for b in r.barriers],
        "stage": stage(r.stage) if r.stage is not None else None,
        "legal_forms": [legal_form(f) for f in r.legal_forms],
        "next_actions": [action(a) for a in r.next_actions],
        "unknowns": [{"question": u.question, "text": clean(u.text), "reason": u.reason,
                      "count": u.count, "refs": list(u.refs), "editorial": u.editorial}
                     for u in r.unknowns],
    }


def _around(r: Report) -> dict[str, Any]:
    """What surrounds the findings: comments, citations, what to check now, the glossary,
    whether legal forms are ranked, and the context answers."""
    return {
        "comments": [{"question": c.question, "text": clean(c.text), "answer": clean(c.answer)}
                     for c in r.comments],
        "citations": [citation(c) for c in r.citations],
        "check_now": [{"name": clean(x.name), "as_of": x.as_of} for x in r.dated],
        "glossary": [{"term": clean(g.term), "definition": clean(g.definition)}
                     for g in r.glossary],
        "forms": {"ranked": r.forms.ranked,
                  "ruled_out_by": [b.id for b in r.forms.ruled_out_by],
                  "questions": [q.id for q in r.forms.questions],
                  "conflicts": [{"title": clean(t), "why": clean(w)}
                                for t, w in r.forms.conflicts]},
        "context": [{"question": c.question, "text": clean(c.text), "answer": clean(c.answer)}
                    for c in r.context],
    }


def _note(text: str | None) -> str | None:
    return clean(text) if text else None


def band_data(band: BandInfo) -> dict[str, Any]:
    low = band.low.id if band.low else band.id
    high = band.high.id if band.high else band.id
    return {"id": band.id, "name": clean(band.name), "description": clean(band.description),
            "level": band.level, "uncapped": band.uncapped.id,
            "capped_by": [b.id for b in band.capped_by],
            "caps": [{"barrier": c.barrier.id, "cap": c.cap.id,
                      "answers": [q.id for q in c.answers], "facts": c.facts}
                     for c in band.caps],
            "range": {"low": low, "high": high, "overall_low": score(band.score_low),
                      "overall_high": score(band.score_high)},
            "narrowing": [q.id for q in band.narrowing],
            "provisional": band.provisional,
            "min_confidence": fraction(band.min_confidence)}


def score(value: float | None) -> float | None:
    return None if value is None else round(value, 1) + 0.0


def fraction(value: float | None) -> float | None:
    return None if value is None else round(value, 3) + 0.0


def answer(value: Any) -> Any:
    """An answer value as given; text is cleaned and floats rounded to keep output stable."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, float):
        return round(value, 6) + 0.0
    if isinstance(value, list):
        return [answer(v) for v in value]
    return value


def dimension(d: DimensionItem) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": d.id, "name": clean(d.name), "description": clean(d.description),
        "weight": d.weight, "score": score(d.score), "confidence": fraction(d.confidence),
        "contributions": [
            {"question": c.question, "text": clean(c.text), "answer": answer(c.answer),
             "answer_label": clean(c.answer_label), "points": score(c.points),
             "weight": c.weight, "share": score(c.share)}
            for c in d.contributions
        ],
        "unknowns": [u.id for u in d.unknowns],
        "unanswered": [u.id for u in d.unanswered],
        "dont_know": [u.id for u in d.dont_know],
        "refs": list(d.refs),
        "editorial": d.editorial,
        "note": _note(d.note),
    }
    return data


def spread(sp: Middle) -> dict[str, Any]:
    """The middle of respondents' scores; all null when suppressed."""
    return {"suppressed": sp.suppressed, "q1": sp.q1, "median": sp.median, "q3": sp.q3,
            "scored": sp.count.value}


def count(c: Count | None) -> int | None:
    """A protected count: the rounded value, or null when suppressed."""
    return None if c is None else c.value


def barrier(b: BarrierItem) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": b.id, "severity": b.severity, "title": clean(b.title),
        "dimension": b.dimension.id if b.dimension else None, "why": clean(b.why),
        "what_to_do": [clean(step) for step in b.what_to_do],
        "evidence": [{"kind": e.kind, "ref": e.ref, "value": answer(e.value),
                      "label": clean(e.label)} for e in b.evidence],
        "refs": list(b.refs), "editorial": b.editorial, "note": _note(b.note),
        "facts": b.facts,
    }
    if b.count is not None:
        data["count"] = count(b.count)
        data["share"] = fraction(b.share)
    return data


def stage(st: StageItem) -> dict[str, Any]:
    return {
        "id": st.id, "name": clean(st.name), "description": clean(st.description),
        "index": st.index, "complete": st.complete,
        "high": max(st.high, st.index), "running": st.running,
        "journey": [{"id": s.id, "name": clean(s.name), "status": s.status,
                     **({} if s.count is None else {"count": count(s.count)})}
                    for s in st.journey],
        "criteria": [{"stage": c.stage, "kind": c.kind, "label": clean(c.label), "met": c.met}
                     for c in st.criteria],
        "remaining": [clean(c.label) for c in st.remaining],
        "tasks": [clean(t) for t in st.tasks],
        "refs": list(st.refs), "editorial": st.editorial, "note": _note(st.note),
    }


def legal_form(f: FormItem) -> dict[str, Any]:
    data = {
        "id": f.id, "name": clean(f.name), "summary": clean(f.summary), "rank": f.rank,
        "fit": score(f.fit), "excluded": f.excluded,
        "reasons": [{"effect": x.effect, "text": clean(x.text)} for x in f.reasons],
        "caveats": [clean(c) for c in f.caveats],
        "refs": list(f.refs), "editorial": f.editorial, "note": _note(f.note),
    }
    if f.first is not None:
        data.update(first=count(f.first), excluded_count=count(f.excluded_count))
    return data


def action(a: ActionItem) -> dict[str, Any]:
    data = {
        "question": a.question, "text": clean(a.text),
        "action": clean(a.action) if a.action else None,
        "current": answer(a.current), "current_label": clean(a.current_label),
        "target": answer(a.target), "target_label": clean(a.target_label),
        "overall_gain": score(a.overall_gain),
        "dimension_gains": [{"dimension": g.dimension, "gain": score(g.gain)}
                            for g in a.dimension_gains],
        "clears": [b.id for b in a.clears],
        "band_after": a.band_after.id if a.band_after else None,
        "refs": list(a.refs), "editorial": a.editorial,
    }
    if a.count is not None:
        data["count"] = count(a.count)
    return data


def citation(c: Reference) -> dict[str, Any]:
    return {"n": c.n, "source": c.source, "title": clean(c.title),
            "publisher": clean(c.publisher) if c.publisher else None,
            "date": clean(c.date) if c.date else None, "file": c.file,
            "line": c.line, "headline": clean(c.headline) if c.headline else None,
            "quote": clean(c.quote)}


def group(r: Report, g: GroupInfo) -> dict[str, Any]:
    """The keys only a group report has."""
    return {
        "withheld": g.withheld,
        "staff": g.staff,
        "participation": fraction(g.participation),
        "senior_share": fraction(g.senior_share),
        "min_group_size": g.min_group_size,
        "roles": [role(x) for x in g.roles],
        "spread": {d.id: spread(d.spread) if d.spread else None for d in r.dimensions},
        "bands": [{"id": b.id, "count": count(b.count), "share": fraction(b.share)}
                  for b in g.bands],
        "disagreements": [disagreement(d) for d in g.disagreements],
        "warnings": [{"id": w.id, "title": clean(w.title), "message": clean(w.message),
                      "value": fraction(w.value), "threshold": fraction(w.threshold),
                      "refs": list(w.refs), "editorial": w.editorial} for w in g.warnings],
        "comments_status": g.comments_status,
        "capped": g.capped,
        "caps": [{"id": c.id, "count": c.count.value, "share": fraction(c.share)}
                 for c in g.caps],
    }


def role(x: RoleRow) -> dict[str, Any]:
    data: dict[str, Any] = {"role": x.id, "label": clean(x.label), "count": count(x.count),
                            "suppressed": x.suppressed}
    if not x.suppressed:
        data["overall"] = x.overall
        data["medians"] = {m.dimension: m.median for m in x.medians}
    return data


def disagreement(d: DisagreementRow) -> dict[str, Any]:
    return {"question": d.question, "text": clean(d.text), "answered": count(d.answered),
            "index": fraction(d.index),
            "counts": [{"value": answer(c.value), "label": clean(c.label),
                        "count": count(c.count)} for c in d.counts],
            "spread": spread(d.spread) if d.spread else None}
