"""Report findings from engine results: each looks up its texts and citations in the rules.

Citation numbers are handed out as findings are built, so build them in reading order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spinout.engine import scoring
from spinout.engine.result import (
    Assessment,
    DimensionScore,
    FormFit,
    NextAction,
    StagePlacement,
    TriggeredBarrier,
    Unknown,
)
from spinout.qtypes import answer_label
from spinout.record import replace
from spinout.report.model import (
    ActionItem,
    BandInfo,
    BarrierItem,
    CapItem,
    ContextItem,
    ContributionItem,
    CriterionItem,
    DatedItem,
    DimensionItem,
    EvidenceItem,
    FormItem,
    FormsNote,
    Gain,
    GlossaryItem,
    Named,
    Reason,
    Report,
    RulesInfo,
    StageItem,
    StageStep,
    Summary,
    UnknownItem,
)
from spinout.report.refs import Citations
from spinout.report.text import number
from spinout.ruleset.model import RuleSet
from spinout.values import AnswerValue, is_real


def rules_info(rs: RuleSet) -> RulesInfo:
    h = rs.header
    reviewed = h.reviewed.isoformat() if h.reviewed is not None else None
    return RulesInfo(h.name, h.version, rs.digest, h.title, h.sources_period, reviewed)


def with_context(rs: RuleSet, report: Report, service: str | None = None) -> Report:
    """The report with what surrounds its findings: the service's name, the dated items a
    reader must check ("check what exists now") and the glossary of the words it uses."""
    return replace(report, service=service, dated=dated_items(rs, report),
                   glossary=glossary_items(rs, report))


def dated_items(rs: RuleSet, r: Report) -> tuple[DatedItem, ...]:
    """The main findings (warnings, barriers, the stage, the legal forms not ruled out) that
    name a scheme, body, right or law, with the date each refers to, in reading order."""
    items: list[tuple[object, str]] = []
    if r.group is not None:
        items += [(rs.index.by_kind["group_warnings"][w.id], w.title) for w in r.group.warnings]
    items += [(rs.barrier(b.id), b.title) for b in r.barriers]
    if r.stage is not None:
        items.append((rs.stage(r.stage.id), r.stage.name))
    items += [(rs.legal_form(f.id), f.name) for f in r.legal_forms if not f.excluded]
    found: dict[str, str] = {}
    for item, name in items:
        as_of = getattr(item, "as_of", None)
        if as_of:
            found.setdefault(name, as_of)
    return tuple(DatedItem(name, as_of) for name, as_of in found.items())


def glossary_items(rs: RuleSet, r: Report) -> tuple[GlossaryItem, ...]:
    """The glossary's entries for the words the report's findings use, in the glossary's order."""
    from spinout.ruleset.terms import terms_in

    used = {term.id for term in terms_in(rs.glossary, *_texts(r))}
    return tuple(GlossaryItem(term.term, term.definition) for term in rs.glossary
                 if term.id in used)


def _texts(r: Report) -> list[str]:
    texts = [r.summary.band.description] if r.summary.band is not None else []
    if r.stage is not None:
        texts += [r.stage.name, r.stage.description, *r.stage.tasks]
        texts += [c.label for c in r.stage.criteria]
    for d in r.dimensions:
        texts += [d.name, d.description, *(c.text for c in d.contributions)]
    for b in r.barriers:
        texts += [b.title, b.why, *b.what_to_do]
    for f in r.legal_forms:
        texts += [f.name, f.summary, *f.caveats, *(x.text for x in f.reasons)]
    texts += [a.text for a in r.next_actions] + [a.action or "" for a in r.next_actions]
    return texts + [u.text for u in r.unknowns]


def band_info(rs: RuleSet, band: str, uncapped: str, capped_by: Iterable[str]) -> BandInfo:
    levels = rs.bands.levels
    index = next(i for i, b in enumerate(levels) if b.id == band)
    level = levels[index]
    return BandInfo(level.id, level.name, level.description, index,
                    Named(uncapped, _band_name(rs, uncapped)),
                    tuple(Named(b, barrier_title(rs, b)) for b in capped_by),
                    min_confidence=rs.bands.min_confidence)


def summary(rs: RuleSet, a: Assessment) -> Summary:
    weakest = Named(a.weakest, rs.dimension(a.weakest).name) if a.weakest else None
    band = replace(
        band_info(rs, a.band, a.uncapped_band, a.capped_by),
        low=band_named(rs, a.reach.low_band), high=band_named(rs, a.reach.high_band),
        score_low=a.reach.low, score_high=a.reach.high,
        narrowing=tuple(Named(q, rs.question(q).text) for q in a.reach.narrowing),
        provisional=a.provisional, caps=tuple(_cap(rs, a, b) for b in a.capped_by))
    return Summary(a.overall, a.confidence, band, weakest)


def _cap(rs: RuleSet, a: Assessment, barrier_id: str) -> CapItem:
    raised = next((b for b in a.barriers if b.id == barrier_id), None)
    answers = tuple(Named(e.ref, rs.question(e.ref).text) for e in
                    (raised.evidence if raised else ()) if e.kind == "answer")
    cap = scoring.cap_of(rs, barrier_id) or rs.bands.levels[0].id
    return CapItem(Named(barrier_id, barrier_title(rs, barrier_id)), band_named(rs, cap),
                   answers, bool(answers) and all(rs.question(x.id).fact for x in answers))


def band_named(rs: RuleSet, band_id: str) -> Named:
    return Named(band_id, _band_name(rs, band_id))


def dimension(rs: RuleSet, cites: Citations, d: DimensionScore,
              asked: Iterable[Unknown] = ()) -> DimensionItem:
    """A dimension's finding. ``asked``: the questions shown without a real answer (the
    assessment's ``unknowns``); those scoring this dimension are listed by their reason,
    leaving out the questions never shown to the respondent."""
    rule = rs.dimension(d.id)
    contributions = tuple(
        ContributionItem(c.question, rs.question(c.question).text, c.answer,
                         answer_label(rs.question(c.question), c.answer), c.points, c.weight,
                         c.share)
        for c in d.contributions
    )
    unknowns = tuple(Named(q, rs.question(q).text) for q in d.unknowns)
    reasons = {u.question: u.reason for u in asked}

    def because(reason: str) -> tuple[Named, ...]:
        return tuple(u for u in unknowns if reasons.get(u.id) == reason)

    return DimensionItem(d.id, rule.name, rule.description, rule.weight, d.score, d.confidence,
                         contributions, unknowns, cites.cite(rule), rule.editorial,
                         note=rule.editorial_note, unanswered=because("unanswered"),
                         dont_know=because("dont_know"))


def barrier(rs: RuleSet, cites: Citations, b: TriggeredBarrier) -> BarrierItem:
    rule = rs.barrier(b.id)
    dim = Named(rule.dimension, rs.dimension(rule.dimension).name) if rule.dimension else None
    evidence = tuple(_evidence(rs, e.kind, e.ref, e.value) for e in b.evidence)
    return BarrierItem(rule.id, rule.title, rule.severity, dim, rule.why, rule.what_to_do,
                       evidence, cites.cite(rule), rule.editorial, facts=b.facts,
                       note=rule.editorial_note)


def _evidence(rs: RuleSet, kind: str, ref: str, value: object) -> EvidenceItem:
    if kind == "answer":
        q = rs.question(ref)
        return EvidenceItem(kind, ref, q.text, value, answer_label(q, value))  # type: ignore[arg-type]
    shown = number(value) if isinstance(value, int | float) else "no score"
    return EvidenceItem(kind, ref, rs.dimension(ref).name, value, shown)  # type: ignore[arg-type]


def stage(rs: RuleSet, cites: Citations, placement: StagePlacement) -> StageItem:
    rule = rs.stages[placement.index]
    names = {s.id: s.name for s in rs.stages}
    journey = tuple(StageStep(sid, names[sid], status) for sid, status in placement.statuses)
    criteria = tuple(CriterionItem(c.stage, c.kind, c.label, c.met) for c in placement.criteria)
    high = max(placement.high, placement.index)
    return StageItem(rule.id, rule.name, rule.description, placement.index, placement.complete,
                     journey, criteria, rule.tasks, cites.cite(rule), rule.editorial,
                     rule.editorial_note, high, rs.stages[high].name, placement.running)


def legal_form(rs: RuleSet, cites: Citations, f: FormFit) -> FormItem:
    rule = rs.legal_form(f.id)
    reasons = (tuple(Reason("for", r) for r in f.reasons_for)
               + tuple(Reason("against", r) for r in f.reasons_against)
               + tuple(Reason("excludes", r) for r in f.excluded_by))
    return FormItem(rule.id, rule.name, rule.summary, f.rank, f.fit, f.excluded, reasons,
                    rule.caveats, cites.cite(rule), rule.editorial, note=rule.editorial_note)


def next_action(rs: RuleSet, cites: Citations, a: NextAction) -> ActionItem:
    q = rs.question(a.question)
    gains = tuple(Gain(d, rs.dimension(d).name, g) for d, g in a.dimension_gains)
    clears = tuple(Named(b, barrier_title(rs, b)) for b in a.clears)
    after = Named(a.band_after, _band_name(rs, a.band_after)) if a.band_after else None
    return ActionItem(q.id, q.text, q.action, a.current, answer_label(q, a.current), a.target,
                      answer_label(q, a.target), a.overall_gain, gains, clears, after,
                      cites.cite(q), q.editorial)


def unknown(rs: RuleSet, cites: Citations, u: Unknown, count: int = 1) -> UnknownItem:
    q = rs.question(u.question)
    return UnknownItem(q.id, q.text, u.reason, cites.cite(q), q.editorial, count)


def barrier_title(rs: RuleSet, barrier_id: str) -> str:
    return rs.barrier(barrier_id).title if rs.has("barriers", barrier_id) else barrier_id


def _band_name(rs: RuleSet, band_id: str) -> str:
    return rs.band(band_id).name if rs.has("bands", band_id) else band_id


def forms_note(rs: RuleSet, a: Assessment) -> FormsNote:
    v = a.forms
    return FormsNote(v.ranked,
                     tuple(Named(b, barrier_title(rs, b)) for b in v.ruled_out_by),
                     tuple(Named(q, rs.question(q).text) for q in v.questions),
                     tuple((barrier_title(rs, b), rs.barrier(b).why) for b in v.conflicts))


def context(rs: RuleSet, a: Assessment,
            given: Mapping[str, AnswerValue]) -> tuple[ContextItem, ...]:
    """Answers to the context-only questions that apply, in questionnaire order."""
    shown = set(a.visible)
    return tuple(ContextItem(q.id, q.text, answer_label(q, given[q.id]), q.help)
                 for q in rs.questions_in_order()
                 if q.context and q.id in shown and is_real(given.get(q.id)))
