"""How a rule-set check reports a problem: where it is (a :class:`Locator`) and what to write
instead (:func:`did_you_mean`)."""

from __future__ import annotations

import difflib
from typing import Any, Protocol

from spinout.errors import Problem


class Locator(Protocol):
    """Makes a located problem for the item ``index`` of list section ``kind``, at the node
    ``sub`` inside it (at its key when ``key`` is true)."""

    def __call__(self, kind: str, index: int, sub: tuple[Any, ...], message: str, hint: str,
                 key: bool = False) -> Problem: ...


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    listed = ", ".join(f"`{c}`" for c in list(choices)[:8])
    return f"use one of {listed}" + (" …" if len(choices) > 8 else "")
