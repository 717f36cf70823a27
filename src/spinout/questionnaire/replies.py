"""What a respondent can reply to a question, and how typed replies are read.

In typed prompts (numbers and free text) three short keys stand for the special choices that
select lists show as extra lines: ``?`` asks why the question is asked, ``<`` goes back to the
previous question and ``dk`` answers "Don't know".
"""

from __future__ import annotations

from dataclasses import dataclass

from spinout.qtypes import AnswerProblem, answer_error
from spinout.ruleset.model import Question
from spinout.values import DONT_KNOW, AnswerValue

KEY_WHY = "?"
KEY_BACK = "<"
KEY_DONT_KNOW = "dk"


@dataclass(frozen=True)
class Reply:
    """``kind`` is "answer" (with ``value``), "why" or "back". "Don't know" is an answer whose
    value is :data:`~spinout.values.DONT_KNOW`."""

    kind: str
    value: AnswerValue | None = None


WHY = Reply("why")
BACK = Reply("back")
DONT_KNOW_REPLY = Reply("answer", DONT_KNOW)


def answer(value: AnswerValue) -> Reply:
    return Reply("answer", value)


def typed_instruction(q: Question, can_back: bool) -> str:
    """The line under a typed prompt that says what to type."""
    parts = [q.kind.typed_hint(q)]
    parts.append(f"{KEY_WHY} why we ask")
    if can_back:
        parts.append(f"{KEY_BACK} back")
    if q.dont_know:
        parts.append(f"{KEY_DONT_KNOW} don't know")
    return "(" + " · ".join(parts) + ")"


def interpret(q: Question, text: str, can_back: bool) -> Reply | str:
    """The reply typed text stands for, or a message saying why it cannot be accepted."""
    typed = text.strip()
    if typed == KEY_WHY:
        return WHY
    if typed == KEY_BACK:
        return BACK if can_back else "this is the first question: there is nothing before it"
    if typed.lower() == KEY_DONT_KNOW:
        return DONT_KNOW_REPLY if q.dont_know else "this question needs an answer"
    try:
        value = q.kind.read(q, typed)
    except AnswerProblem as problem:
        return f"{problem.message} — {problem.hint}"
    trouble = answer_error(q, value)
    return f"{trouble[0]} — {trouble[1]}" if trouble else answer(value)
