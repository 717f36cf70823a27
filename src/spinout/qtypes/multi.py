"""Several choices: any number of options from a list, stored as a list of option values."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spinout.qtypes.base import (
    AnswerProblem,
    Points,
    QuestionType,
    Shape,
    Trouble,
    XlsField,
    clipped,
    option_by_word,
    options_hint,
)
from spinout.values import AnswerValue, format_number, same, show

if TYPE_CHECKING:
    from spinout.ruleset.model import Question

SEPARATORS = re.compile(r"[;|]")
NONE_CHOSEN = "None of these"


class Multi(QuestionType):
    name = "multi"
    description = "any number of options from a list"

    def shape_error(self, q: Question) -> str | None:
        if len(q.options) < 2:
            return "a multi question needs at least two `options`"
        return super().shape_error(q)

    def shape(self, q: Question) -> Shape:
        return Shape.MULTI

    def prompt(self, q: Question) -> str:
        return "checkbox"

    def listed_answers(self, q: Question) -> None:
        return None

    def value_error(self, q: Question, value: AnswerValue) -> Trouble | None:
        if not isinstance(value, list):
            return (f"`{clipped(show(value))}` should be a list",
                    f"write a list, e.g. [{_listed(q)}]")
        bad = [v for v in value if q.option(v) is None]
        if bad:
            return f"`{clipped(show(bad[0]))}` is not an option", f"use any of {_listed(q)}"
        if len({repr(v) for v in value}) != len(value):
            return "an option is listed twice", "list each option once"
        return None

    def read(self, q: Question, text: str) -> AnswerValue:
        chosen: list[AnswerValue] = []
        for part in (p.strip() for p in SEPARATORS.split(text)):
            if not part:
                continue
            found = option_by_word(q, part)
            if found is None:
                raise AnswerProblem(f"`{clipped(part)}` is not an option", options_hint(q, True))
            chosen.append(found[0])
        trouble = self.value_error(q, chosen)
        if trouble:
            raise AnswerProblem(*trouble)
        return chosen

    def label(self, q: Question, value: AnswerValue) -> str:
        if not isinstance(value, list):
            return super().label(q, value)
        labels = [super(Multi, self).label(q, v) for v in value]
        return ", ".join(labels) if labels else NONE_CHOSEN

    def points(self, q: Question, value: AnswerValue, dims: tuple[str, ...]) -> Points:
        """The chosen options' points added up, at most 100 a dimension."""
        if not isinstance(value, list):
            return {}
        points = dict.fromkeys(dims, 0.0)
        for v in value:
            option = q.option(v)
            for d, pts in option.scores.items() if option is not None else ():
                points[d] = min(100.0, points[d] + pts)
        return points

    def points_table(self, q: Question, dims: tuple[str, ...]) -> None:
        return None

    def alternatives(self, q: Question, current: AnswerValue) -> list[AnswerValue]:
        """The current choice plus one more option."""
        chosen = current if isinstance(current, list) else []
        return [[*chosen, o.value] for o in q.options
                if not any(same(o.value, c) for c in chosen)]

    def xlsform(self, q: Question) -> XlsField:
        if not q.dont_know:
            return XlsField("select_multiple", self.xlsform_choices(q))
        return XlsField("select_multiple", self.xlsform_choices(q),
                        "not(selected(., 'dont_know') and count-selected(.) > 1)",
                        "“Don't know” cannot be ticked with other options.")

    def instruction(self, q: Question) -> str:
        return "Tick all that apply."

    def accepts(self, q: Question) -> str:
        return "any of " + " | ".join(format_number(v) for v, _ in self.choices(q)) + \
            ", separated by ; or | (values or labels)"


TYPE = Multi()


def _listed(q: Question) -> str:
    return ", ".join(f"`{clipped(show(o.value))}`" for o in q.options)
