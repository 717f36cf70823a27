"""The answers file a run of `spinout assess` starts from: a new one, one to carry on with
(answers that a changed rule set no longer accepts set aside to be asked again), or, for a run
that asks nothing, a complete one."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from spinout.answers import store
from spinout.answers.model import AnswersFile, RulesRef, fingerprint, new_answers
from spinout.errors import AnswersError, Problem
from spinout.questionnaire.flow import Flow, Resumption, plan_resumption
from spinout.record import Record, replace
from spinout.ruleset.model import RuleSet
from spinout.textsafe import one_line


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def current_ref(rs: RuleSet) -> RulesRef:
    """The reference to the rule set as it is now, with every question's fingerprint."""
    h = rs.header
    return RulesRef(h.name, h.version, rs.digest, {q.id: fingerprint(q) for q in rs.questions})


class Loaded(Record):
    """An answers file ready to carry on with, and what an edited rule set means for it."""

    answers: AnswersFile
    resumed: bool
    resumption: Resumption
    changes_unknown: bool = False


def load_answers(rs: RuleSet, path: Path) -> Loaded:
    """Read the answers file if there is one (refusing an invalid one), else start a new one.
    Answers that a changed rule set no longer accepts are set aside to be asked again."""
    path = Path(path)
    if not path.exists():
        stamp = now()
        fresh = replace(new_answers(rs, now=stamp), rules=current_ref(rs))
        return Loaded(fresh, False, Resumption((), (), ()))
    try:
        checked = store.load(path, rs)
        raw: dict[str, Any] = dict(checked.answers.answers)
    except AnswersError:
        checked, raw = _load_after_rule_change(path, rs)
    resumption = plan_resumption(rs, raw, checked.changes)
    changes_unknown = (checked.changes is not None and not checked.changes.any
                       and not checked.answers.rules.questions)
    return Loaded(checked.answers, True, resumption, changes_unknown)


def _load_after_rule_change(path: Path, rs: RuleSet) -> tuple[Any, dict[str, Any]]:
    """Re-read a file the current rules reject; accept it when the only problems are answers
    that changed questions no longer accept, which are set aside and asked again."""
    from spinout.answers.validate import check_document
    from spinout.yamlfile import Document, read_yaml

    doc = read_yaml(path, str(path), store.MAX_ANSWERS_BYTES)
    checked = check_document(doc, rs)
    data = doc.data if isinstance(doc.data, dict) else {}
    raw = data.get("answers")
    if checked.changes is None or not checked.changes.any or not isinstance(raw, dict):
        raise AnswersError(list(checked.errors))
    dropped = set(plan_resumption(rs, raw, checked.changes).dropped)
    kept = {k: v for k, v in raw.items() if k not in dropped}
    rechecked = check_document(Document(doc.name, {**data, "answers": kept}, doc.marks), rs)
    if rechecked.errors:
        raise AnswersError(list(rechecked.errors))
    return rechecked, raw


def complete_answers(rs: RuleSet, path: Path) -> AnswersFile:
    """The answers for a run that asks nothing: refused, with the list of question ids still
    unanswered, unless every visible question (free text aside) and the role are answered."""
    path = Path(path)
    if not path.exists():
        raise AnswersError(Problem(str(path), None, None, "no answers file here",
                                   "run `spinout assess` in a terminal to answer the "
                                   "questions, or give the file with `--answers`"))
    checked = store.load(path, rs)
    for warning in checked.warnings:
        sys.stderr.write(f"warning: {one_line(str(warning))}\n")
    answers = checked.answers
    flow = Flow.start(rs, answers.answers, answers.respondent.role)
    missing = [q for q in flow.visible() if q.id not in answers.answers and not q.is_comment]
    problems = [Problem(str(path), None, None, f"`{q.id}` is not answered",
                        one_line(q.text)) for q in missing]
    if rs.roles and answers.respondent.role is None:
        problems.insert(0, Problem(str(path), None, None, "the respondent's role is not given",
                                   "add `respondent: {role: …}` with one of "
                                   + ", ".join(r.id for r in rs.roles)))
    if problems:
        ids = " ".join(q.id for q in missing)
        problems.append(Problem(str(path), None, None, "answers are incomplete"
                                + (f"; unanswered: {ids}" if ids else ""),
                                "run `spinout assess` in a terminal to answer them"))
        raise AnswersError(problems)
    return answers
