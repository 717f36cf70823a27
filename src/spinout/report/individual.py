"""One respondent's report, assembled in reading order so citations number as they are met."""

from __future__ import annotations

from spinout.answers.model import AnswersFile
from spinout.engine.result import Assessment
from spinout.report import findings
from spinout.report.model import CommentItem, Named, Report
from spinout.report.refs import Citations
from spinout.ruleset.model import RuleSet


def build(rs: RuleSet, answers: AnswersFile, a: Assessment) -> Report:
    cites = Citations(rs)
    dimensions = tuple(findings.dimension(rs, cites, d, a.unknowns) for d in a.dimensions)
    barriers = tuple(findings.barrier(rs, cites, b) for b in a.barriers)
    stage = findings.stage(rs, cites, a.stage)
    forms = tuple(findings.legal_form(rs, cites, f) for f in a.legal_forms)
    actions = tuple(findings.next_action(rs, cites, x) for x in a.next_actions)
    unknowns = tuple(findings.unknown(rs, cites, u) for u in a.unknowns)
    return Report(
        kind="individual",
        rules=findings.rules_info(rs),
        date=answers.updated or answers.started,
        respondents=1,
        role=_role(rs, answers.respondent.role),
        summary=findings.summary(rs, a),
        dimensions=dimensions,
        barriers=barriers,
        stage=stage,
        legal_forms=forms,
        next_actions=actions,
        unknowns=unknowns,
        comments=comments(rs, answers, a.visible),
        citations=cites.references,
        appendix=cites.appendix(),
        forms=findings.forms_note(rs, a),
        context=findings.context(rs, a, answers.answers),
    )


def _role(rs: RuleSet, role: str | None) -> Named | None:
    if role is None or not rs.has("roles", role):
        return None
    return Named(role, rs.role(role).label)


def comments(rs: RuleSet, answers: AnswersFile,
             visible: tuple[str, ...]) -> tuple[CommentItem, ...]:
    """Free-text answers to questions that apply, in questionnaire order."""
    shown = set(visible)
    found = []
    for q in rs.questions_in_order():
        value = answers.answers.get(q.id)
        if q.is_comment and q.id in shown and isinstance(value, str) and value.strip() \
                and value != "dont_know":
            found.append(CommentItem(q.id, q.text, value))
    return tuple(found)
