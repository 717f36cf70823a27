"""The answers file: a versioned, hand-editable record of one respondent's answers.

```yaml
format: 1
rules: {name: spinout_guidance, version: "1.0.0", digest: "sha256:…", questions: {id: hash}}
respondent: {role: frontline, id: optional}
started: "2026-01-31T10:00:00+00:00"   # optional
updated: "2026-01-31T10:20:00+00:00"   # optional
answers:
  has_plan: draft
```
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from spinout.record import Record, field, replace
from spinout.values import AnswerValue

if TYPE_CHECKING:
    from spinout.ruleset.model import Question, RuleSet

FORMAT = 1


class RulesRef(Record):
    name: str
    version: str
    digest: str
    questions: dict[str, str] = field(default_factory=dict)


class Respondent(Record):
    role: str | None = None
    id: str | None = None


class AnswersFile(Record):
    rules: RulesRef
    respondent: Respondent
    answers: dict[str, AnswerValue]
    started: str | None = None
    updated: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    service: str | None = None  # the name of the service or staff group, when given

    def with_answer(self, qid: str, value: AnswerValue, fingerprint: str | None = None,
                    now: str | None = None) -> AnswersFile:
        """A copy with one answer set; existing answers keep their place."""
        answers = dict(self.answers)
        answers[qid] = value
        rules = self.rules
        if fingerprint is not None:
            rules = replace(rules, questions={**rules.questions, qid: fingerprint})
        return replace(self, answers=answers, rules=rules, updated=now or self.updated)

    def with_role(self, role: str) -> AnswersFile:
        return replace(self, respondent=replace(self.respondent, role=role))

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT,
            "rules": {"name": self.rules.name, "version": self.rules.version,
                      "digest": self.rules.digest},
            "respondent": {k: v for k, v in (("role", self.respondent.role),
                                             ("id", self.respondent.id)) if v is not None},
        }
        if self.rules.questions:
            data["rules"]["questions"] = dict(self.rules.questions)
        for key in ("service", "started", "updated"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        data.update(self.extra)
        data["answers"] = dict(self.answers)
        return data


def fingerprint(question: Question) -> str:
    """Short hash of what a respondent sees and answers (text, type, options, range, condition);
    help, citations and scores may change without asking again."""
    shown = {
        "text": question.text,
        "type": question.type,
        "options": [[o.value, o.label] for o in question.options],
        "min": question.min,
        "max": question.max,
        "when": question.when.data()
        if question.when is not None else None,
    }
    blob = json.dumps(shown, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:12]


def new_answers(ruleset: RuleSet, role: str | None = None, respondent_id: str | None = None,
                now: str | None = None) -> AnswersFile:
    """An empty answers file for the rule set, recording every question's fingerprint so a
    later edit of the rules can say which questions were added, removed or changed."""
    h = ruleset.header
    prints = {q.id: fingerprint(q) for q in ruleset.questions}
    return AnswersFile(RulesRef(h.name, h.version, ruleset.digest, prints),
                       Respondent(role, respondent_id), {}, started=now, updated=now)
