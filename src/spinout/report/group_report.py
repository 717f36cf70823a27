"""A group's report from many respondents' answers, assembled in reading order (warnings
first, as they head the report) so citations number as they are met."""

from __future__ import annotations

from spinout.engine import group as engine_group
from spinout.engine import privacy
from spinout.qtypes import answer_label
from spinout.record import replace
from spinout.report import findings
from spinout.report import sentences as say
from spinout.report.model import (
    ActionItem,
    BandInfo,
    BarrierItem,
    CommentItem,
    Count,
    CriterionItem,
    DimensionItem,
    DisagreementRow,
    FormItem,
    GroupInfo,
    Median,
    Named,
    NamedCount,
    OptionCount,
    Reason,
    Report,
    RoleRow,
    StageItem,
    StageStep,
    Summary,
    UnknownItem,
    WarningItem,
)
from spinout.report.refs import Citations
from spinout.ruleset.conditions import answer_refs
from spinout.ruleset.model import RuleSet

NO_ROLE = "No role given"


def build(rs: RuleSet, g: engine_group.GroupAssessment) -> Report:
    """The report on an aggregated group; its date is the latest answers file's."""
    cites = Citations(rs)
    warnings = tuple(WarningItem(w.id, w.title, w.message, w.value, w.threshold,
                                  cites.cite(w), w.editorial) for w in g.warnings)
    dimensions = tuple(_dimension(rs, cites, d) for d in g.dimensions)
    barriers = tuple(_barrier(rs, cites, b) for b in g.barriers)
    stage = _stage(rs, cites, g)
    forms = tuple(_form(rs, cites, f, g) for f in g.legal_forms)
    actions = tuple(_action(rs, cites, x) for x in g.next_actions)
    unknowns = tuple(UnknownItem(u.question, rs.question(u.question).text, "unresolved",
                                 cites.cite(rs.question(u.question)),
                                 rs.question(u.question).editorial, u.count.value or 0)
                     for u in g.unknowns)
    band = _band(rs, g)
    return Report(
        kind="group",
        rules=findings.rules_info(rs),
        date=g.latest,
        respondents=g.respondents,
        role=None,
        summary=Summary(g.overall.median, g.confidence, band,
                        Named(g.weakest, rs.dimension(g.weakest).name) if g.weakest else None),
        dimensions=dimensions,
        barriers=barriers,
        stage=stage,
        legal_forms=forms,
        next_actions=actions,
        unknowns=unknowns,
        comments=tuple(CommentItem(c.question, rs.question(c.question).text, c.text)
                       for c in g.comments),
        citations=cites.references,
        appendix=cites.appendix(),
        group=_info(rs, g, warnings),
    )


def _band(rs: RuleSet, g: engine_group.GroupAssessment) -> BandInfo | None:
    """The median band, the range from the median respondent's worst band to the median
    respondent's best, and provisional when the mean confidence is below the threshold
    (None for a group withheld for being below the minimum size)."""
    if g.band is None:
        return None
    low, high = g.band_range if g.band_range[0] else (g.band, g.band)
    return replace(findings.band_info(rs, g.band, g.band, ()),
                   low=findings.band_named(rs, low), high=findings.band_named(rs, high),
                   provisional=g.provisional)


def _dimension(rs: RuleSet, cites: Citations, d: engine_group.GroupDimension) -> DimensionItem:
    rule = rs.dimension(d.id)
    return DimensionItem(d.id, rule.name, rule.description, rule.weight, d.spread.median,
                         d.confidence, (), (), cites.cite(rule), rule.editorial, d.spread,
                         rule.editorial_note)


def _barrier(rs: RuleSet, cites: Citations, b: engine_group.BarrierShare) -> BarrierItem:
    rule = rs.barrier(b.id)
    dim = Named(rule.dimension, rs.dimension(rule.dimension).name) if rule.dimension else None
    read = answer_refs(rule.when)
    facts = bool(read) and all(rs.question(q).fact for q in read)
    return BarrierItem(rule.id, rule.title, rule.severity, dim, rule.why, rule.what_to_do, (),
                       cites.cite(rule), rule.editorial, b.count, b.share,
                       note=rule.editorial_note, facts=facts)


def _stage(rs: RuleSet, cites: Citations, g: engine_group.GroupAssessment) -> StageItem | None:
    if g.stage is None:
        return None
    index = next(i for i, s in enumerate(rs.stages) if s.id == g.stage)
    rule = rs.stages[index]
    counts = {s.id: s.count for s in g.stages}
    journey = tuple(StageStep(s.id, s.name, "done" if i < index else
                              "current" if i == index else "ahead",
                              counts.get(s.id, Count(None)))
                    for i, s in enumerate(rs.stages))
    criteria = tuple(CriterionItem(rule.id, "exit", c.label, None) for c in rule.exit)
    high = max(index, g.stage_high)
    return StageItem(rule.id, rule.name, rule.description, index, False, journey, criteria,
                     rule.tasks, cites.cite(rule), rule.editorial, rule.editorial_note, high,
                     rs.stages[high].name,
                     rule.running)


def _form(rs: RuleSet, cites: Citations, f: engine_group.FormShare,
          g: engine_group.GroupAssessment) -> FormItem:
    rule = rs.legal_form(f.id)
    reasons = [Reason("for", say.first_choice(f.first, g.respondents))]
    if not f.excluded.suppressed:
        reasons.append(Reason("excludes", say.ruled_out_for(f.excluded, g.respondents)))
    return FormItem(rule.id, rule.name, rule.summary, f.rank, None, False, tuple(reasons),
                    rule.caveats, cites.cite(rule), rule.editorial, f.first, None, f.excluded,
                    rule.editorial_note)


def _action(rs: RuleSet, cites: Citations, x: engine_group.GroupAction) -> ActionItem:
    q = rs.question(x.question)
    clears = tuple(Named(b, findings.barrier_title(rs, b)) for b in x.clears)
    return ActionItem(q.id, q.text, q.action, None, "", x.target, answer_label(q, x.target),
                      x.overall_gain, (), clears, None, cites.cite(q), q.editorial, x.count)


def _info(rs: RuleSet, g: engine_group.GroupAssessment,
          warnings: tuple[WarningItem, ...]) -> GroupInfo:
    band_names = {b.id: b.name for b in rs.bands.levels}
    return GroupInfo(
        respondents=g.respondents,
        withheld=g.withheld,
        staff=g.staff_count,
        participation=g.participation,
        senior_share=g.senior_share,
        min_group_size=g.min_group_size,
        roles=tuple(_role(rs, x) for x in g.roles),
        bands=tuple(NamedCount(b.id, band_names[b.id], b.count, b.share) for b in g.bands),
        disagreements=tuple(_disagreement(rs, d) for d in g.disagreements),
        warnings=warnings,
        comments_status=g.comments_status,
        capped=g.capped,
        caps=tuple(NamedCount(b, findings.barrier_title(rs, b), count,
                              count.share(g.respondents))
                   for b, c in g.caps
                   for count in (privacy.count(c, g.min_group_size),)),
    )


def _role(rs: RuleSet, x: engine_group.RoleGroup) -> RoleRow:
    label = rs.role(x.role).label if x.role and rs.has("roles", x.role) else NO_ROLE
    medians = tuple(Median(d, rs.dimension(d).name, m) for d, m in x.medians)
    return RoleRow(x.role, label, x.count, x.suppressed, x.overall, medians)


def _disagreement(rs: RuleSet, d: engine_group.Disagreement) -> DisagreementRow:
    q = rs.question(d.question)
    counts = tuple(OptionCount(v, answer_label(q, v), c) for v, c in d.counts)
    return DisagreementRow(q.id, q.text, d.answered, d.index, counts, d.spread)
