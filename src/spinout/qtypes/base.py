"""The interface every question type implements, with the behaviour most types share.

A question type decides, for the questions of its kind: which YAML fields they need
(:meth:`QuestionType.shape_error`), what an answer may be (:meth:`~QuestionType.value_error`,
:meth:`~QuestionType.read` for typed text and survey cells), the choices offered, how an answer
turns into points, how it is written for people (:meth:`~QuestionType.label`, form tick boxes
and instructions, the CSV column guide, the prompt) and which condition tests fit it.

Code elsewhere never asks which type a question has; it asks the type. The only thing it
reads is the :class:`Shape` of the answers, one of four kinds of value that group statistics,
conditions and tallies know how to count.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, ClassVar

from spinout.record import Record
from spinout.values import DONT_KNOW, AnswerValue, format_number, is_number, same, show

if TYPE_CHECKING:
    from spinout.ruleset.model import Question

Points = dict[str, float]
PointsTable = dict[tuple[type, object], Points]  # points by an answer's (type, value)
Trouble = tuple[str, str]  # (what is wrong, how to fix it)
YES_WORDS = frozenset({"yes", "y", "true", "1"})
NO_WORDS = frozenset({"no", "n", "false", "0"})


class Shape(Enum):
    """The kind of value an answer is: one of the offered choices, several of them, a number,
    or free text."""

    CHOICE = "choice"
    MULTI = "multi"
    NUMBER = "number"
    TEXT = "text"


DONT_KNOW_NAME = DONT_KNOW
DONT_KNOW_TEXT = "Don't know"


class XlsField(Record):
    """How a question is asked in an XLSForm: its ``type`` (``select_one``,
    ``select_multiple``, ``integer``, ``decimal`` or ``text``; a select's list is named by
    the writer), its choices as (name, label), an XPath ``constraint`` on the answer (``.``
    is the answer) with the message shown when it fails, and a ``hint`` added to the help."""

    type: str
    choices: tuple[tuple[str, str], ...] = ()
    constraint: str = ""
    constraint_message: str = ""
    hint: str = ""


class AnswerProblem(ValueError):
    """A typed reply or a survey cell that is not an answer to the question."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    @property
    def trouble(self) -> Trouble:
        return self.message, self.hint


class QuestionType:
    """Behaviour shared by the question types; each type overrides what differs.

    ``prompt`` is how the terminal asks: ``"select"`` (a list to choose one from),
    ``"checkbox"`` (tick several) or ``"typed"`` (a line to type in)."""

    name: ClassVar[str]
    description: ClassVar[str] = ""

    # --- the YAML fields ------------------------------------------------------------------

    def shape_error(self, q: Question) -> str | None:
        """What is wrong with the type-specific fields of ``q`` (options, range, scoring), or
        None when they fit the type."""
        if q.linear:
            return "`linear` scoring is only for number questions and option-less scales"
        return None

    # --- answers --------------------------------------------------------------------------

    def shape(self, q: Question) -> Shape:
        return Shape.CHOICE

    def choices(self, q: Question) -> tuple[tuple[AnswerValue, str], ...]:
        """(value, label) of each answer offered for choosing, in order (empty when the
        answer is typed)."""
        return tuple((o.value, o.label) for o in q.options)

    def ordinal(self, q: Question) -> bool:
        """Whether the choices run in order from one end to the other (yes/no, a scale), so
        that disagreement is measured along that order rather than between categories."""
        return False

    def prompt(self, q: Question) -> str:
        return "select"

    def prompt_choices(self, q: Question) -> tuple[tuple[AnswerValue, str], ...]:
        """(value, label) of each line a terminal list offers (a select prompt's list)."""
        return self.choices(q)

    def prompt_keys(self, q: Question) -> tuple[str, ...]:
        """The key typed to pick each of :meth:`prompt_choices`: its position, 1, 2, 3 …"""
        return tuple(str(i) for i in range(1, len(self.prompt_choices(q)) + 1))

    def end_labels(self, q: Question) -> tuple[str, str] | None:
        """What the two ends of an ordered range of answers mean, for questions that have
        such ends to explain (scales); None for the others."""
        return None

    def reads_dont_know(self, q: Question) -> bool:
        """Whether the words "don't know" on a form or in a survey cell stand for the answer
        "don't know" (in free text they are just what the respondent wrote)."""
        return True

    def listed_answers(self, q: Question) -> frozenset[tuple[type, AnswerValue]] | None:
        """Every real answer to ``q`` as (type, value), when they can be listed: a value so
        listed passes :meth:`value_error`, so a file's answers are checked with one lookup
        each. None when each answer must be checked on its own (a type that overrides
        :meth:`value_error` overrides this too)."""
        return frozenset((o.value.__class__, o.value) for o in q.options)

    def value_error(self, q: Question, value: AnswerValue) -> Trouble | None:
        """Why ``value`` (a real answer, not "don't know") does not answer ``q``."""
        if q.option(value) is not None:
            return None
        return f"`{clipped(show(value))}` is not an option", f"use one of {_values(q)}"

    def read(self, q: Question, text: str) -> AnswerValue:
        """The answer typed or exported as ``text`` (stripped, not "don't know"); raises
        :class:`AnswerProblem`."""
        found = option_by_word(q, text)
        if found is None:
            raise AnswerProblem(f"`{clipped(text)}` is not an option", options_hint(q))
        return found[0]

    def label(self, q: Question, value: AnswerValue) -> str:
        """The words for one real answer."""
        option = q.option(value)
        if option is not None:
            return option.label
        if isinstance(value, bool):
            return "Yes" if value else "No"
        return format_number(value) if is_number(value) else str(value)

    # --- points ---------------------------------------------------------------------------

    def points(self, q: Question, value: AnswerValue, dims: tuple[str, ...]) -> Points:
        """Points 0–100 a real answer gives each dimension in ``dims`` ({} when it gives none).
        An option gives 0 to a dimension of its question that it does not name."""
        option = q.option(value)
        if option is None:
            return {}
        points = dict.fromkeys(dims, 0.0)
        for d, pts in option.scores.items():
            points[d] = min(100.0, points[d] + pts)
        return points

    def points_table(self, q: Question, dims: tuple[str, ...]) -> PointsTable | None:
        """:meth:`points` of each option by (type, value), when only options give points;
        None when points are worked out from each answer."""
        return {(o.value.__class__, o.value): self.points(q, o.value, dims) for o in q.options}

    def alternatives(self, q: Question, current: AnswerValue) -> list[AnswerValue]:
        """Other answers worth trying instead of ``current`` when looking for next actions."""
        return [o.value for o in q.options if not same(o.value, current)]

    # --- conditions -----------------------------------------------------------------------

    def allowed_values(self, q: Question) -> tuple[AnswerValue, ...] | None:
        """The values an answer can take, or None for numbers and text."""
        values = tuple(v for v, _ in self.choices(q))
        return values or None

    def numeric(self, q: Question) -> bool:
        """Whether ``at_least`` and ``at_most`` tests make sense for the answers."""
        return False

    def bounds(self, q: Question) -> tuple[float | None, float | None]:
        numbers = [v for v in self.allowed_values(q) or () if is_number(v)]
        return (min(numbers), max(numbers)) if numbers else (None, None)

    # --- XLSForm (web surveys on KoboToolbox, ODK, Enketo) ---------------------------------

    def xlsform(self, q: Question) -> XlsField:
        """The question as one XLSForm field: by default, one choice from a list."""
        return XlsField("select_one", self.xlsform_choices(q))

    def xlsform_name(self, q: Question, value: AnswerValue) -> str:
        """The XLSForm choice name that stands for ``value`` (what the platform exports)."""
        return show(value)

    def xlsform_choices(self, q: Question) -> tuple[tuple[str, str], ...]:
        """(name, label) of each choice the field offers, "Don't know" last where allowed."""
        found = tuple((self.xlsform_name(q, v), label) for v, label in self.prompt_choices(q))
        if q.dont_know and self.reads_dont_know(q):
            found += ((DONT_KNOW_NAME, DONT_KNOW_TEXT),)
        return found

    # --- paper forms, CSV guide, typed prompts --------------------------------------------

    def instruction(self, q: Question) -> str:
        """What the paper form tells the respondent to do."""
        return "Tick one box."

    def blank(self, q: Question) -> str:
        """The space a paper form leaves to write in: "number", "text" or ""."""
        return ""

    def accepts(self, q: Question) -> str:
        """What a survey column for ``q`` accepts, for the CSV column guide."""
        return "one of " + " | ".join(format_number(v) for v, _ in self.choices(q)) + \
            " (value or label)"

    def typed_hint(self, q: Question) -> str:
        """What to type, for typed prompts."""
        return "a number"


# --- helpers the types share ------------------------------------------------------------------


def option_by_word(q: Question, word: str) -> tuple[AnswerValue] | None:
    """The option whose value (first) or label matches ``word``, ignoring case."""
    folded = word.casefold()
    for o in q.options:
        if show(o.value).casefold() == folded:
            return (o.value,)
    for o in q.options:
        if o.label.strip().casefold() == folded:
            return (o.value,)
    return None


def options_hint(q: Question, several: bool = False) -> str:
    shown = ", ".join(f"`{show(o.value)}`" for o in q.options[:8])
    more = " …" if len(q.options) > 8 else ""
    many = " (several separated by ; or |)" if several else ""
    return f"use an option's value or label{many}: {shown}{more}"


def _values(q: Question) -> str:
    return ", ".join(f"`{clipped(show(o.value))}`" for o in q.options)


def clipped(text: str) -> str:
    """Untrusted text on one line, cut short for a message."""
    from spinout.textsafe import one_line
    from spinout.values import clip

    return clip(one_line(text))
