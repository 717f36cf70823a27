"""Laying out prompt text for a terminal of a given width. Pure: no terminal, no I/O.

Every line is folded on word boundaries to fit, continuation lines indented under the first,
so nothing is cut off at any width from 60 columns up (and very long words are broken only
when they are longer than a whole line).
"""

from __future__ import annotations

import textwrap

from spinout.record import Record
from spinout.textsafe import strip_controls

MIN_TEXT = 20  # narrowest column of text, however deep the indent


MAX_PROMPT_TEXT = 1000  # a longer text is cut: laying a prompt out takes time growing with it


def plain(text: object) -> str:
    """Untrusted text on one line, with no escape sequences and single spaces, cut to
    :data:`MAX_PROMPT_TEXT` characters (at a word, marked "…")."""
    flat = " ".join(strip_controls(str(text)).split())
    if len(flat) <= MAX_PROMPT_TEXT:
        return flat
    cut = flat.rfind(" ", MAX_PROMPT_TEXT // 2, MAX_PROMPT_TEXT)
    return flat[:cut if cut > 0 else MAX_PROMPT_TEXT] + "…"


def fold(text: object, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """``text`` folded to ``width`` columns: the first line starts with ``first``, later
    ones with ``rest`` (spaces as wide as ``first`` by default). Never returns no lines."""
    rest = " " * len(first) if rest is None else rest
    room = max(MIN_TEXT + len(first), width)
    lines = textwrap.wrap(plain(text), width=room, initial_indent=first,
                          subsequent_indent=rest, break_on_hyphens=False)
    return lines or [first.rstrip()]


class Item(Record):
    """One line of a list: the key that picks it (a number, or ``d``/``?``/``<``/``g``), its
    words, whether it is one of the special lines after the options, and the words shown once
    it is chosen (its title, or its key when it has none, unless given)."""

    key: str
    title: str
    special: bool = False
    echo: str = ""

    @property
    def chosen(self) -> str:
        return self.echo or self.title or self.key


def item_lines(item: Item, width: int, key_width: int, pointed: bool,
               box: str = "") -> list[str]:
    """An item folded under its first line: ``› 3  Title`` (pointer, key, optional tick box)."""
    pointer = "›" if pointed else " "
    first = f" {pointer} {item.key.rjust(key_width)}  {box}"
    return fold(item.title, width, first)


def key_width(items: list[Item]) -> int:
    return max((len(i.key) for i in items), default=1)
