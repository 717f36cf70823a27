"""What a respondent can reply to a question, and how typed replies are read.

Every question takes the same keys, each followed by Enter: ``?`` asks why the question is
asked, ``<`` goes back to the previous question, ``d`` (or ``dk``) answers "Don't know" where
the rules allow it and ``g`` shows the glossary. Lists show these as lines after the options,
with the key in front; typed prompts (numbers and free text) read them from the line.
"""

from __future__ import annotations

from spinout.qtypes import AnswerProblem, answer_error
from spinout.record import Record
from spinout.ruleset.model import Question
from spinout.values import DONT_KNOW, AnswerValue

KEY_WHY = "?"
KEY_BACK = "<"
KEY_DONT_KNOW = "d"
KEY_GLOSSARY = "g"
DONT_KNOW_WORDS = frozenset({"d", "dk"})


class Reply(Record):
    """``kind`` is "answer" (with ``value``), "why", "back" or "glossary". "Don't know" is an
    answer whose value is :data:`~spinout.values.DONT_KNOW`."""

    kind: str
    value: AnswerValue | None = None


WHY = Reply("why")
BACK = Reply("back")
GLOSSARY = Reply("glossary")
DONT_KNOW_REPLY = Reply("answer", DONT_KNOW)


def answer(value: AnswerValue) -> Reply:
    return Reply("answer", value)


def typed_instruction(q: Question, can_back: bool) -> str:
    """The line under a typed prompt that says what to type."""
    hint = q.kind.typed_hint(q)
    parts = [hint if "Enter" in hint else f"type {hint}, then Enter"]
    parts.append(f"{KEY_WHY} why we ask")
    if can_back:
        parts.append(f"{KEY_BACK} back")
    if q.dont_know:
        parts.append(f"{KEY_DONT_KNOW} don't know")
    parts.append(f"{KEY_GLOSSARY} glossary")
    return "(" + " · ".join(parts) + ")"


FIRST_QUESTION = "this is the first question: there is nothing before it"
NEEDS_ANSWER = "this question needs an answer"


def interpret(q: Question, text: str, can_back: bool, default: str = "") -> Reply | str:
    """The reply typed text stands for, or a message saying why it cannot be accepted. A key
    typed after the answer offered as the default counts as the key alone."""
    typed = text.strip()
    if default and typed.startswith(default.strip()) and typed != default.strip():
        rest = typed[len(default.strip()):].strip()
        if rest.lower() in {KEY_WHY, KEY_BACK, KEY_GLOSSARY, *DONT_KNOW_WORDS}:
            typed = rest
    if typed == KEY_WHY:
        return WHY
    if typed == KEY_BACK:
        return BACK if can_back else FIRST_QUESTION
    if typed.lower() == KEY_GLOSSARY:
        return GLOSSARY
    if typed.lower() in DONT_KNOW_WORDS:
        return DONT_KNOW_REPLY if q.dont_know else NEEDS_ANSWER
    try:
        value = q.kind.read(q, typed)
    except AnswerProblem as problem:
        return f"{problem.message} — {problem.hint}"
    trouble = answer_error(q, value)
    return f"{trouble[0]} — {trouble[1]}" if trouble else answer(value)
