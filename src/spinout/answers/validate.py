"""Checking answers against the rules: structure, ids, values, ranges, and rule-set changes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from spinout.answers.model import FORMAT, AnswersFile, Respondent, RulesRef, fingerprint
from spinout.errors import Problem
from spinout.qtypes import answer_error
from spinout.record import Record
from spinout.ruleset.checks import did_you_mean
from spinout.ruleset.model import Question, RuleSet
from spinout.yamlfile import Document

if TYPE_CHECKING:
    from spinout.engine.visibility import Applicability

TOP_KEYS = ("format", "rules", "respondent", "service", "started", "updated", "answers")
MAX_SERVICE = 200
_SIMPLE = (str, int, float, bool)  # the answers that can be looked up in a set of them


class RuleChanges(Record):
    """How the rule set moved since the answers were given."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed)


class Checked(Record):
    """An answers file checked: ``applicability`` is which of its questions apply (worked
    out for the warnings about answers to questions that do not apply, and kept for
    assessing it), None when it has errors."""

    answers: AnswersFile
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    changes: RuleChanges | None
    applicability: Applicability | None = None


def check_document(doc: Document, rs: RuleSet) -> Checked:
    """Validate a parsed answers file. Errors make it unusable; warnings are kept and shown."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    data = doc.data
    if not isinstance(data, dict):
        errors.append(doc.problem((), "the top level must be a mapping",
                                  "start the file with `format: 1`"))
        return Checked(_empty(), tuple(errors), (), None)
    _check_top(doc, data, errors)
    ref = _rules_ref(doc, data.get("rules"), errors)
    respondent = _respondent(doc, data.get("respondent"), rs, errors)
    raw = _raw_answers(doc, data, errors)
    if ref.name and ref.name != rs.header.name:
        errors.append(doc.problem(("rules", "name"), f"these answers are for the rule set "
                                  f"`{ref.name}` ({ref.digest[:19]}…), not `{rs.header.name}` "
                                  f"({rs.digest[:19]}…)", "use `--rules` to pick the rule set "
                                  "they were given under"))
    answers = _answers(doc, rs, ref, raw, errors, warnings)
    changes = rule_changes(ref, rs)
    warnings.extend(_changes_warning(doc, ref, changes))
    _check_times_and_service(doc, data, errors)
    result = AnswersFile(ref, respondent, answers, _str(data.get("started")),
                         _str(data.get("updated")), service=_str(data.get("service")))
    if errors:
        return Checked(result, tuple(errors), tuple(warnings), changes)
    from spinout.engine.visibility import applicability

    app = applicability(rs, answers)
    warnings.extend(_hidden_answers(doc, rs, answers, app))
    return Checked(result, tuple(errors), tuple(warnings), changes, app)


def _check_top(doc: Document, data: dict[Any, Any], errors: list[Problem]) -> None:
    """Unknown top-level keys, and a format version this spinout does not read."""
    for key in data:
        if key not in TOP_KEYS:
            errors.append(doc.problem((key,), f"unknown key `{key}`",
                                      did_you_mean(str(key), TOP_KEYS)))
    version = data.get("format")
    if type(version) is not int or version != FORMAT:
        shown = "missing" if version is None else f"`{json.dumps(version, default=str)}`"
        errors.append(doc.problem(("format",), f"the format is {shown}, not {FORMAT}",
                                  f"this version of spinout reads `format: {FORMAT}`"))


def _raw_answers(doc: Document, data: dict[Any, Any], errors: list[Problem]) -> dict[Any, Any]:
    """The `answers` mapping as written (empty when missing or not a mapping)."""
    raw = data.get("answers", {})
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        errors.append(doc.problem(("answers",), "`answers` must be a mapping of question id to "
                                  "answer", "write one `question_id: value` per line"))
        raw = {}
    return raw


def _answers(doc: Document, rs: RuleSet, ref: RulesRef, raw: dict[Any, Any],
             errors: list[Problem], warnings: list[Problem]) -> dict[str, Any]:
    """Each answer checked against its question; answers to retired questions kept."""
    answers: dict[str, Any] = {}
    questions, listed = rs.index.by_kind["questions"], rs.index.listed_answers
    for qid, value in raw.items():
        q = questions.get(str(qid))
        if q is None:
            if str(qid) in ref.questions:
                warnings.append(doc.problem(("answers", qid), f"question `{qid}` has been "
                                            "retired from the rule set", "the answer is kept "
                                            "but no longer scored"))
                answers[qid] = value
                continue
            errors.append(doc.problem(("answers", qid), f"unknown question `{qid}`",
                                      did_you_mean(str(qid), [other.id for other in rs.questions])))
            continue
        known = listed[q.id]
        if known is not None and value.__class__ in _SIMPLE and (value.__class__, value) in known:
            answers[qid] = value
            continue
        message = value_error(q, value)
        if message:
            errors.append(doc.problem(("answers", qid), message[0], message[1]))
        answers[qid] = value
    return answers


def _changes_warning(doc: Document, ref: RulesRef,
                     changes: RuleChanges | None) -> list[Problem]:
    """A warning when the rule set has changed since the answers were given."""
    if changes is None or not (changes.any or not ref.questions):
        return []
    said = describe_changes(changes) if ref.questions else (
        "this file does not record the questions it was given under, so the changes "
        "cannot be listed")
    return [doc.problem(("rules", "digest"), "the rule set has changed since these "
                        "answers were given: " + said,
                        "run `spinout assess` to answer the new or changed questions")]


def _check_times_and_service(doc: Document, data: dict[Any, Any],
                             errors: list[Problem]) -> None:
    for key in ("started", "updated"):
        if data.get(key) is not None and not isinstance(data[key], str):
            errors.append(doc.problem((key,), f"`{key}` must be a date and time in quotes",
                                      'write it like "2026-01-31T10:00:00+00:00"'))
    service = data.get("service")
    if service is not None and (not isinstance(service, str) or len(service) > MAX_SERVICE):
        errors.append(doc.problem(("service",), "`service` must be a short name in quotes",
                                  f'write it like "Community nursing, North" (at most '
                                  f"{MAX_SERVICE} characters)"))


def unreadable(problems: list[Problem]) -> Checked:
    """The result for a file that could not be read at all."""
    return Checked(_empty(), tuple(problems), (), None)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _empty() -> AnswersFile:
    return AnswersFile(RulesRef("", "", ""), Respondent(), {})


def _rules_ref(doc: Document, raw: Any, errors: list[Problem]) -> RulesRef:
    if not isinstance(raw, dict):
        errors.append(doc.problem(("rules",), "`rules` is missing or not a mapping",
                                  "add `rules: {name: …, version: …, digest: …}`"))
        return RulesRef("", "", "")
    for key in raw:
        if key not in ("name", "version", "digest", "questions"):
            errors.append(doc.problem(("rules", key), f"unknown key `{key}` in `rules`",
                                      did_you_mean(str(key), ["name", "version", "digest"])))
    questions = raw.get("questions") or {}
    if not isinstance(questions, dict):
        errors.append(doc.problem(("rules", "questions"), "`rules.questions` must be a mapping",
                                  "remove it; spinout writes it itself"))
        questions = {}
    return RulesRef(str(raw.get("name", "")), str(raw.get("version", "")),
                    str(raw.get("digest", "")), {str(k): str(v) for k, v in questions.items()})


def _respondent(doc: Document, raw: Any, rs: RuleSet, errors: list[Problem]) -> Respondent:
    if raw is None:
        return Respondent()
    if not isinstance(raw, dict):
        errors.append(doc.problem(("respondent",), "`respondent` must be a mapping",
                                  "write `respondent: {role: frontline}`"))
        return Respondent()
    role = raw.get("role")
    roles = [r.id for r in rs.roles]
    if role is not None and role not in roles:
        errors.append(doc.problem(("respondent", "role"), f"unknown role `{role}`",
                                  did_you_mean(str(role), roles)))
    rid = raw.get("id")
    return Respondent(role if role in roles else None, None if rid is None else str(rid))


def value_error(q: Question, value: Any) -> tuple[str, str] | None:
    """Why ``value`` is not a valid answer to ``q``, or None when it is."""
    return answer_error(q, value)


def rule_changes(ref: RulesRef, rs: RuleSet) -> RuleChanges | None:
    """What changed in the questions since the answers were given (None if unknown)."""
    if not ref.digest or ref.digest == rs.digest:
        return None
    if not ref.questions:
        return RuleChanges((), (), ())
    now = {q.id: fingerprint(q) for q in rs.questions}
    return RuleChanges(
        added=tuple(q for q in now if q not in ref.questions),
        removed=tuple(q for q in ref.questions if q not in now),
        changed=tuple(q for q, h in now.items() if q in ref.questions and ref.questions[q] != h),
    )


def describe_changes(changes: RuleChanges) -> str:
    """The changes in words, naming up to six questions of each kind."""
    if not changes.any:
        return "no question was added, removed or changed"
    parts = []
    for word, ids in (("added", changes.added), ("removed", changes.removed),
                      ("changed", changes.changed)):
        if ids:
            shown = ", ".join(ids[:6]) + (f" and {len(ids) - 6} more" if len(ids) > 6 else "")
            parts.append(f"{word} {shown}")
    return "; ".join(parts)


def _hidden_answers(doc: Document, rs: RuleSet, answers: dict[str, Any],
                    app: Applicability) -> list[Problem]:
    shown = app.visible_ids
    return [doc.problem(("answers", qid), f"`{qid}` is answered but " + (
                        "no longer applies given the other answers" if qid not in app.possible
                        else "whether it applies depends on answers not yet known"),
                        "it is kept but not scored")
            for qid in answers if qid not in shown and rs.has("questions", qid)]
