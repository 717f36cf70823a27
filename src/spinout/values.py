"""Answer values, how they compare and how they are written back.

An answer is ``True``/``False`` (yes/no), an option value (single choice, scale with options),
a list of option values (several choices), a number, a string (free text), or the literal
:data:`DONT_KNOW`. Every layer reads these helpers from here, so "don't know" and the way a
number is shown are defined once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeGuard, Union

DONT_KNOW = "dont_know"
AnswerValue = Union[bool, int, float, str, list]  # noqa: UP007
Answers = Mapping[str, AnswerValue]


def same(a: object, b: object) -> bool:
    """Equality that never confuses ``True`` with ``1``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_real(value: object) -> bool:
    """A real answer: given and not "don't know"."""
    return value is not None and not (isinstance(value, str) and value == DONT_KNOW)


def is_dont_know(value: object) -> bool:
    return isinstance(value, str) and value == DONT_KNOW


def show(value: object) -> str:
    """A value as it is written in rules and answers files: ``true``/``false`` in lower case,
    numbers without a needless ``.0``."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def format_number(value: object) -> str:
    """A number without a needless ``.0`` (other values as they are)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def clip(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters, ending in an ellipsis when cut."""
    return text if len(text) <= limit else text[:limit - 1] + "…"
