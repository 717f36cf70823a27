"""Asking in the terminal. The only module that imports questionary.

Each question type has its prompt: a select list (single choice, yes/no, scales), a checkbox
list (several choices) or a typed line (numbers, free text). Select and checkbox lists end with
the special lines "Don't know", "Why are we asking?" and "← Back"; typed prompts take the keys
described in :mod:`spinout.questionnaire.replies`. Every prompt goes through :meth:`Prompter._ask`,
which lets Ctrl-C through as KeyboardInterrupt.
"""

from __future__ import annotations

from typing import Any

from spinout.questionnaire import replies
from spinout.questionnaire.replies import Reply
from spinout.ruleset.model import Question, Role
from spinout.textsafe import strip_controls
from spinout.values import DONT_KNOW, AnswerValue, format_number, same

DONT_KNOW_TITLE = "Don't know"
WHY_TITLE = "Why are we asking?"
BACK_TITLE = "← Back"
SELECT_HINT = "(↑/↓ to move, Enter to choose)"
CHECKBOX_HINT = "(↑/↓ to move, Space to tick, Enter when done)"

_SPECIALS = {"dont_know": replies.DONT_KNOW_REPLY, "why": replies.WHY, "back": replies.BACK}


MAX_PROMPT_TEXT = 1000  # prompt_toolkit lays a prompt out in time growing with its square


def _plain(text: object) -> str:
    """Untrusted text on one line, with no escape sequences, cut to :data:`MAX_PROMPT_TEXT`
    characters (at a word, marked "…")."""
    flat = " ".join(strip_controls(str(text)).split())
    if len(flat) <= MAX_PROMPT_TEXT:
        return flat
    cut = flat.rfind(" ", MAX_PROMPT_TEXT // 2, MAX_PROMPT_TEXT)
    return flat[:cut if cut > 0 else MAX_PROMPT_TEXT] + "…"


def uses_typing(q: Question) -> bool:
    """True when the question is answered by typing rather than choosing from a list."""
    return q.kind.prompt(q) == "typed"


def choice_values(q: Question) -> list[tuple[AnswerValue, str]]:
    """(value, label) of each choice a list prompt offers for the question."""
    return list(q.kind.prompt_choices(q))


class Prompter:
    """Asks questions with questionary. ``input`` and ``output`` (prompt_toolkit objects) are
    for tests; by default the process's terminal is used."""

    def __init__(self, input: Any = None, output: Any = None) -> None:  # noqa: A002
        self._io = {k: v for k, v in (("input", input), ("output", output)) if v is not None}

    def question(self, q: Question, current: AnswerValue | None, can_back: bool,
                 mark: str = "?") -> Reply:
        """Ask one question; the reply is an answer, "why" or "back"."""
        ask = {"checkbox": self._checkbox, "typed": self._typed}.get(q.kind.prompt(q),
                                                                      self._select)
        return ask(q, current, can_back, mark)

    def role(self, roles: tuple[Role, ...], current: str | None) -> str:
        import questionary

        choices = [questionary.Choice(_plain(r.label), value=r.id) for r in roles]
        default = next((c for c in choices if c.value == current), None)
        prompt = questionary.select("Which best describes your role?", choices=choices,
                                    default=default, instruction=SELECT_HINT, qmark="•",
                                    **self._io)
        return self._ask(prompt)

    def review(self, count: int) -> int | None:
        """The number of the answer to change, or None to finish."""
        import questionary

        def valid(text: str) -> bool | str:
            text = text.strip()
            if not text or (text.isdigit() and 1 <= int(text) <= count):
                return True
            return f"type a number from 1 to {count}, or press Enter to finish"

        prompt = questionary.text("Type a number to change that answer, or press Enter to "
                                  "finish:", validate=valid, qmark="•", **self._io)
        typed = self._ask(prompt).strip()
        return int(typed) if typed else None

    def _wrapped(self, text: object, indent: int) -> str:
        """Question text folded to the terminal's width: a typed prompt's lines above the
        input line are not wrapped by prompt_toolkit, so long text would be cut off."""
        import shutil
        import textwrap

        output = self._io.get("output")
        width = output.get_size().columns if output is not None else (
            shutil.get_terminal_size().columns)
        return textwrap.fill(_plain(text), width=max(20, width - indent - 1),
                             subsequent_indent=" " * indent)

    def _ask(self, prompt: Any) -> Any:
        return prompt.unsafe_ask()

    def _specials(self, q: Question, can_back: bool) -> list[tuple[str, str]]:
        found = [("dont_know", DONT_KNOW_TITLE)] if q.dont_know else []
        found.append(("why", WHY_TITLE))
        if can_back:
            found.append(("back", BACK_TITLE))
        return found

    def _select(self, q: Question, current: AnswerValue | None, can_back: bool,
                mark: str) -> Reply:
        import questionary

        values = choice_values(q)
        choices: list[Any] = [questionary.Choice(_plain(label), value=("option", i))
                              for i, (_, label) in enumerate(values)]
        choices.append(questionary.Separator(" "))
        choices += [questionary.Choice(title, value=("special", key))
                    for key, title in self._specials(q, can_back)]
        default = None
        if current is not None:
            wanted = ("special", "dont_know") if current == DONT_KNOW else next(
                (("option", i) for i, (v, _) in enumerate(values) if same(v, current)), None)
            default = next((c for c in choices if getattr(c, "value", None) == wanted), None)
        prompt = questionary.select(_plain(q.text), choices=choices, default=default,
                                    instruction=SELECT_HINT, qmark=mark, **self._io)
        kind, key = self._ask(prompt)
        if kind == "special":
            return _SPECIALS[key]
        return replies.answer(values[key][0])

    def _checkbox(self, q: Question, current: AnswerValue | None, can_back: bool,
                  mark: str) -> Reply:
        import questionary

        chosen = current if isinstance(current, list) else []
        choices: list[Any] = [
            questionary.Choice(_plain(o.label), value=("option", i),
                               checked=any(same(o.value, v) for v in chosen))
            for i, o in enumerate(q.options)]
        choices.append(questionary.Separator(" "))
        choices += [questionary.Choice(title, value=("special", key),
                                       checked=key == "dont_know" and current == DONT_KNOW)
                    for key, title in self._specials(q, can_back)]
        prompt = questionary.checkbox(_plain(q.text), choices=choices, instruction=CHECKBOX_HINT,
                                      qmark=mark, **self._io)
        return checkbox_reply(q, self._ask(prompt))

    def _typed(self, q: Question, current: AnswerValue | None, can_back: bool,
               mark: str) -> Reply:
        import questionary

        def valid(text: str) -> bool | str:
            read = replies.interpret(q, text, can_back)
            return True if isinstance(read, Reply) else read

        default = "" if current is None or current == DONT_KNOW else _plain(
            format_number(current))
        indent = " " * (len(mark) + 1)
        hint = "\n" + indent + replies.typed_instruction(q, can_back)
        prompt = questionary.text(self._wrapped(q.text, len(indent)), default=default,
                                  validate=valid,
                                  instruction=hint, qmark=mark, **self._io)
        read = replies.interpret(q, self._ask(prompt), can_back)
        assert isinstance(read, Reply)
        return read


def checkbox_reply(q: Question, ticked: list[tuple[str, Any]]) -> Reply:
    """A checkbox answer: the options ticked, unless exactly one special line is ticked, which
    then wins (ticking everything at once with "a" answers every option)."""
    specials = [key for kind, key in ticked if kind == "special"]
    if len(specials) == 1:
        return _SPECIALS[specials[0]]
    picked = {key for kind, key in ticked if kind == "option"}
    return replies.answer([o.value for i, o in enumerate(q.options) if i in picked])
