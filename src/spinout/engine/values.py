"""Answer values and how they compare. An answer is ``True``/``False`` (yes_no), an option
value (single, scale with options), a list of option values (multi), a number, a string (text),
or the literal ``"dont_know"``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Union

DONT_KNOW = "dont_know"
AnswerValue = Union[bool, int, float, str, list]  # noqa: UP007
Answers = Mapping[str, AnswerValue]


def same(a: object, b: object) -> bool:
    """Equality that never confuses ``True`` with ``1``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_real(value: object) -> bool:
    """A real answer: given and not "don't know"."""
    return value is not None and not (isinstance(value, str) and value == DONT_KNOW)
