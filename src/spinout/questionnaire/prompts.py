"""Asking in the terminal: each question becomes a list (:mod:`~spinout.questionnaire.menu`)
or a typed line (:mod:`~spinout.questionnaire.typed`), drawn with prompt_toolkit.

Every question takes the same keys, each followed by Enter: a number picks an option (on a
scale, the number is the point's value), ``?`` asks why, ``<`` goes back, ``d`` is "Don't know"
where allowed and ``g`` opens the glossary. Lists show these as lines after the options, with
their key in front. After "Why are we asking?" or the glossary the list comes back with the
pointer and ticks as they were. Ctrl-C is let through as KeyboardInterrupt.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from spinout.questionnaire import replies
from spinout.questionnaire.layout import Item, plain
from spinout.questionnaire.replies import Reply
from spinout.record import Record
from spinout.ruleset.model import Question, Role
from spinout.values import DONT_KNOW, AnswerValue, format_number, same

DONT_KNOW_TITLE = "Don't know"
WHY_TITLE = "Why are we asking?"
BACK_TITLE = "Back to the previous question"
GLOSSARY_TITLE = "Glossary: words explained"
SELECT_HINT = "(↑/↓ or type its number, then Enter)"
CHECKBOX_HINT = "(type a number or press Space to tick or untick; Enter when done)"
ROLE_PROMPT = "Which best describes your role?"
REVIEW_PROMPT = "Type a number to change that answer, or press Enter to {what}:"

_SPECIAL_REPLIES = {replies.KEY_DONT_KNOW: replies.DONT_KNOW_REPLY, replies.KEY_WHY: replies.WHY,
                    replies.KEY_BACK: replies.BACK, replies.KEY_GLOSSARY: replies.GLOSSARY}


def uses_typing(q: Question) -> bool:
    """True when the question is answered by typing rather than choosing from a list."""
    return q.kind.prompt(q) == "typed"


def choice_values(q: Question) -> list[tuple[AnswerValue, str]]:
    """(value, label) of each choice a list prompt offers for the question."""
    return list(q.kind.prompt_choices(q))


def option_items(q: Question) -> list[Item]:
    """The options as list lines: the key that picks each, and its words. A scale's points are
    keyed by their value; a range's ends carry what they mean."""
    from spinout.qtypes import answer_label

    values = choice_values(q)
    keys = q.kind.prompt_keys(q)
    ends = q.kind.end_labels(q) if not q.options else None
    items = []
    for i, ((value, label), key) in enumerate(zip(values, keys, strict=True)):
        title = label if label != key else ""
        echo = plain(answer_label(q, value))
        if ends and i in (0, len(values) - 1):
            title = ends[0] if i == 0 else ends[1]
            echo = f"{echo} ({plain(title)})"
        items.append(Item(key, plain(title), echo=echo))
    return items


def special_items(q: Question, can_back: bool) -> list[Item]:
    found = [Item(replies.KEY_DONT_KNOW, DONT_KNOW_TITLE, True)] if q.dont_know else []
    found.append(Item(replies.KEY_WHY, WHY_TITLE, True))
    if can_back:
        found.append(Item(replies.KEY_BACK, BACK_TITLE, True))
    found.append(Item(replies.KEY_GLOSSARY, GLOSSARY_TITLE, True))
    return found


def scale_note(q: Question) -> str:
    """For a range typed in: what its two ends mean."""
    ends = q.kind.end_labels(q)
    if not ends or q.min is None or q.max is None:
        return ""
    return (f"{format_number(q.min)} means {plain(ends[0]).lower()}; "
            f"{format_number(q.max)} means {plain(ends[1]).lower()}")


class ReviewChoice(Record):
    """On the review screen: change answer ``number``, see the ``next`` page, ``list`` every
    answer again, or ``finish``."""

    kind: str
    number: int | None = None


class Prompter:
    """Asks questions in the terminal. ``input`` and ``output`` (prompt_toolkit objects) are
    for tests; by default the process's terminal is used."""

    def __init__(self, input: Any = None, output: Any = None) -> None:  # noqa: A002
        self._io = {k: v for k, v in (("input", input), ("output", output)) if v is not None}
        self._draft: tuple[str, int, frozenset[int]] | None = None

    def question(self, q: Question, current: AnswerValue | None, can_back: bool,
                 mark: str = "?", notes: tuple[str, ...] = ()) -> Reply:
        """Ask one question; the reply is an answer, "why", "back" or "glossary"."""
        if uses_typing(q):
            return self._typed(q, current, can_back, mark, notes)
        return self._list(q, current, can_back, mark, notes)

    def role(self, roles: tuple[Role, ...], current: str | None) -> str:
        from spinout.questionnaire import menu

        items = tuple(Item(str(i), plain(r.label)) for i, r in enumerate(roles, 1))
        start = next((i for i, r in enumerate(roles) if r.id == current), 0)
        chosen = menu.ask(menu.Menu("•", ROLE_PROMPT, items, SELECT_HINT, start=start), self._io)
        return roles[chosen.pointer].id

    def review(self, numbers: Collection[int], more: bool) -> ReviewChoice:
        """What to do on the review screen: a number to change, or Enter for the next page
        (or to finish on the last); ``l`` lists every answer again, ``f`` finishes."""
        from spinout.questionnaire import typed

        def check(text: str) -> ReviewChoice | str:
            word = text.strip().lower()
            if not word:
                return ReviewChoice("next" if more else "finish")
            if word in ("f", "l"):
                return ReviewChoice("finish" if word == "f" else "list")
            if word.isdigit() and int(word) in numbers:
                return ReviewChoice("change", int(word))
            return (f"type a number from {min(numbers)} to {max(numbers)}, or press Enter"
                    if numbers else "press Enter")

        hint = "(Enter: the next page · f: finish now)" if more else (
            "(l: the whole list again)")
        ask = typed.Typed("•", REVIEW_PROMPT.format(what="see more" if more else "finish"),
                          hint, check)
        return typed.ask(ask, self._io, shown=_review_echo)

    def more(self) -> bool:
        """Between pages: True to see the next page, False to go back to the question."""
        from spinout.questionnaire import typed

        def check(text: str) -> bool | str:
            word = text.strip().lower()
            return True if not word else False if word == "q" else "press Enter, or type q"

        ask = typed.Typed("•", "Press Enter for more, or type q and Enter to go back:",
                          "(Enter: more · q: back to the question)", check)
        return bool(typed.ask(ask, self._io, shown=lambda _: None))

    def _list(self, q: Question, current: AnswerValue | None, can_back: bool, mark: str,
              notes: tuple[str, ...]) -> Reply:
        from spinout.questionnaire import menu

        options = option_items(q)
        items = tuple(options + special_items(q, can_back))
        values = [v for v, _ in choice_values(q)]
        multi = q.kind.prompt(q) == "checkbox"
        start, ticked = self._start(q, current, values, items, multi)
        shown = menu.Menu(mark, plain(q.text), items, CHECKBOX_HINT if multi else SELECT_HINT,
                          notes=notes, multi=multi, start=start, ticked=ticked,
                          refusals=_refusals(q, can_back),
                          echoes={replies.KEY_DONT_KNOW: DONT_KNOW_TITLE})
        chosen = menu.ask(shown, self._io)
        item = items[chosen.pointer]
        if item.special:
            reply = _SPECIAL_REPLIES[item.key]
            if reply.kind in ("why", "glossary"):
                self._draft = (q.id, chosen.last_option, chosen.ticked)
            return reply
        if multi:
            return replies.answer([values[i] for i in sorted(chosen.ticked)])
        return replies.answer(values[chosen.pointer])

    def _start(self, q: Question, current: AnswerValue | None, values: list[AnswerValue],
               items: tuple[Item, ...], multi: bool) -> tuple[int, frozenset[int]]:
        """Where the pointer starts and what is ticked: as left before "why" or the glossary,
        else on the current answer."""
        draft, self._draft = self._draft, None
        if draft is not None and draft[0] == q.id:
            return draft[1], draft[2]
        if current == DONT_KNOW:
            return next(i for i, it in enumerate(items) if it.key == replies.KEY_DONT_KNOW), (
                frozenset())
        if multi:
            chosen = current if isinstance(current, list) else []
            return 0, frozenset(i for i, v in enumerate(values)
                                if any(same(v, c) for c in chosen))
        at = next((i for i, v in enumerate(values) if current is not None and same(v, current)), 0)
        return at, frozenset()

    def _typed(self, q: Question, current: AnswerValue | None, can_back: bool, mark: str,
               notes: tuple[str, ...]) -> Reply:
        from spinout.questionnaire import typed

        self._draft = None
        default = "" if current is None or current == DONT_KNOW else plain(format_number(current))
        note = scale_note(q)
        line = typed.Typed(mark, plain(q.text), replies.typed_instruction(q, can_back),
                           lambda text: replies.interpret(q, text, can_back, default),
                           notes=(note, *notes) if note else notes, default=default)
        return typed.ask(line, self._io, shown=lambda reply: _typed_echo(q, reply))


def _refusals(q: Question, can_back: bool) -> dict[str, str]:
    refused = {}
    if not can_back:
        refused[replies.KEY_BACK] = replies.FIRST_QUESTION
    if not q.dont_know:
        refused[replies.KEY_DONT_KNOW] = replies.NEEDS_ANSWER
    return refused


def _typed_echo(q: Question, reply: Reply) -> str | None:
    """The answer shown once typed; None (the prompt is erased) for why, back and glossary."""
    from spinout.qtypes import answer_label

    if reply.kind != "answer":
        return None
    if reply.value == "":
        return "(nothing added)"
    return plain(answer_label(q, reply.value))


def _review_echo(choice: ReviewChoice) -> str | None:
    return f"change {choice.number}" if choice.kind == "change" else None
