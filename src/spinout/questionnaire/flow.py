"""The questionnaire's flow: which step comes next, how Back moves, what the review lists and
which questions a changed rule set asks again. Pure: no terminal, no files.

A step is the role question (:data:`ROLE`), one question id, or the review screen
(:data:`REVIEW`). Moving forward skips questions already answered, except those the respondent
stepped back over (asked again, with their answer as the default) and those the rule set changed.
"""

from __future__ import annotations

from collections.abc import Mapping

from msgspec.structs import astuple

from spinout.answers.validate import RuleChanges, value_error
from spinout.engine.visibility import visible_questions
from spinout.record import Record, replace
from spinout.ruleset.model import Question, RuleSet
from spinout.values import AnswerValue

ROLE = "@role"
REVIEW = "@review"


SECONDS_PER_ANSWER = 20  # reading a question and choosing, on average
ROLE_NUMBER = 0  # the role's number on the review screen; questions count from 1


class Progress(Record):
    """Where a question stands: its section's name, its number among the questions asked (the
    same number the review shows) and an estimate of the minutes left, this one included."""

    section: str
    number: int
    minutes_left: int


class ReviewRow(Record):
    number: int
    step: str
    section: str
    text: str
    value: AnswerValue | None


def minutes_for(questions: float) -> int:
    """Whole minutes, rounded up, to answer this many questions."""
    return max(0, -int(-questions * SECONDS_PER_ANSWER // 60))


class Flow(Record):
    """One respondent's place in the questionnaire. Every move returns a new Flow. Flows are
    equal when they hold the same answers and stand at the same place, whatever rule set each
    reads, and their repr leaves the rule set out."""

    rs: RuleSet
    answers: Mapping[str, AnswerValue]
    role: str | None
    step: str
    reask: frozenset[str] = frozenset()
    revisit: frozenset[str] = frozenset()
    from_review: bool = False

    @classmethod
    def start(cls, rs: RuleSet, answers: Mapping[str, AnswerValue], role: str | None,
              reask: frozenset[str] = frozenset()) -> Flow:
        """The first step: the role if not yet given, else the first question still to ask."""
        flow = cls(rs, dict(answers), role, REVIEW, frozenset(reask))
        if rs.roles and role is None:
            return replace(flow, step=ROLE)
        return replace(flow, step=flow._first_pending())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Flow):
            return NotImplemented
        return astuple(self)[1:] == astuple(other)[1:]

    def __repr__(self) -> str:
        shown = (f"{name}={getattr(self, name)!r}" for name in self.__struct_fields__[1:])
        return f"Flow({', '.join(shown)})"

    # --- what is shown ---------------------------------------------------------------------

    def visible(self) -> tuple[Question, ...]:
        return visible_questions(self.rs, self.answers)

    def is_pending(self, qid: str) -> bool:
        """True when the question has no answer yet or the rule set changed it."""
        return qid not in self.answers or qid in self.reask

    def pending(self) -> tuple[str, ...]:
        """Visible questions still to ask, in order."""
        return tuple(q.id for q in self.visible() if self.is_pending(q.id))

    @property
    def question(self) -> Question | None:
        return None if self.step in (ROLE, REVIEW) else self.rs.question(self.step)

    def current(self) -> AnswerValue | None:
        """The answer already given to the current question (the prompt's default)."""
        return self.answers.get(self.step)

    def progress(self) -> Progress:
        """Section name, number and minutes left for the current question. The number is the
        question's place among those asked, so answering never changes the numbers of the
        questions before it; the estimate may change as answers show which follow-ups apply."""
        ids = [q.id for q in self.visible()]
        q = self.rs.question(self.step)
        section = next((s.name for s in self.rs.sections if s.id == q.section), q.section)
        number = ids.index(q.id) + 1 if q.id in ids else len(ids)
        return Progress(section, number, minutes_for(self.still_to_answer(q.id)))

    def still_to_answer(self, current: str | None = None) -> float:
        """How many questions are still to answer (``current`` among them): those pending,
        and half of those that may yet apply, depending on answers not given yet."""
        from spinout.engine.visibility import applicability

        seen = applicability(self.rs, self.answers)
        shown = {q.id for q in seen.visible}
        pending = {qid for qid in shown if self.is_pending(qid)} | (
            {current} if current else set())
        maybe = seen.possible - shown - set(self.answers)
        return len(pending) + len(maybe) / 2

    def minutes_left(self) -> int:
        return minutes_for(self.still_to_answer())

    def can_go_back(self) -> bool:
        if self.step in (ROLE, REVIEW):
            return False
        return self.from_review or self._previous() is not None or bool(self.rs.roles)

    def review_rows(self) -> tuple[ReviewRow, ...]:
        """What the review screen lists: the role (number 0), then every visible question and
        its answer, numbered as the questions were."""
        rows: list[ReviewRow] = []
        if self.rs.roles:
            rows.append(ReviewRow(ROLE_NUMBER, ROLE, "", "Your role", self.role))
        names = {s.id: s.name for s in self.rs.sections}
        for n, q in enumerate(self.visible(), 1):
            rows.append(ReviewRow(n, q.id, names.get(q.section, q.section), q.text,
                                  self.answers.get(q.id)))
        return tuple(rows)

    # --- moves -----------------------------------------------------------------------------

    def choose_role(self, role: str) -> Flow:
        moved = replace(self, role=role)
        if self.from_review:
            return replace(moved, step=moved._first_pending(), from_review=False)
        return replace(moved, step=moved._next_after(None))

    def answer(self, value: AnswerValue) -> Flow:
        """Record the current question's answer and move to the next step."""
        qid = self.step
        moved = replace(self, answers={**self.answers, qid: value}, reask=self.reask - {qid},
                        revisit=self.revisit - {qid})
        if self.from_review:
            step = moved._first_pending()
            return replace(moved, step=step, from_review=step != REVIEW)
        return replace(moved, step=moved._next_after(qid))

    def back(self) -> Flow:
        """The previous question (or the role, or the review when changing from it)."""
        if self.step in (ROLE, REVIEW):
            return self
        if self.from_review:
            return replace(self, step=REVIEW, from_review=False)
        before = self._previous()
        if before is None and not self.rs.roles:
            return self
        revisit = self.revisit | ({self.step} if self.step in self.answers else set())
        return replace(self, step=before or ROLE, revisit=frozenset(revisit))

    def change(self, step: str) -> Flow:
        """From the review screen, go to one question (or the role) to change its answer."""
        return replace(self, step=step, from_review=True)

    # --- helpers ---------------------------------------------------------------------------

    def _previous(self) -> str | None:
        ids = [q.id for q in self.visible()]
        if self.step not in ids:
            return ids[-1] if ids else None
        at = ids.index(self.step)
        return ids[at - 1] if at > 0 else None

    def _next_after(self, qid: str | None) -> str:
        ids = [q.id for q in self.visible()]
        after = ids[ids.index(qid) + 1:] if qid in ids else ids
        for candidate in after:
            if self.is_pending(candidate) or candidate in self.revisit:
                return candidate
        return self._first_pending()

    def _first_pending(self) -> str:
        pending = self.pending()
        return pending[0] if pending else REVIEW


class Resumption(Record):
    """What a changed rule set means for saved answers."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    dropped: tuple[str, ...]
    retired: tuple[str, ...] = ()

    @property
    def reask(self) -> frozenset[str]:
        return frozenset(self.added) | frozenset(self.changed)


def plan_resumption(rs: RuleSet, answers: Mapping[str, AnswerValue],
                    changes: RuleChanges | None) -> Resumption:
    """New and changed questions to ask again; saved answers a changed question no longer
    accepts (set aside, since the question is asked again); and answers to questions the rule
    set retired (kept in the file, no longer scored)."""
    if changes is None:
        return Resumption((), (), ())
    dropped = [qid for qid in changes.changed
               if qid in answers and value_error(rs.question(qid), answers[qid]) is not None]
    retired = [qid for qid in answers if qid in changes.removed]
    return Resumption(tuple(changes.added), tuple(changes.changed), tuple(dropped),
                      tuple(retired))


def outstanding(flow: Flow) -> bool:
    """True while a visible question changed by the rule set has not been answered again."""
    return any(q.id in flow.reask for q in flow.visible())
