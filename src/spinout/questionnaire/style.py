"""What the prompt_toolkit prompts share: their style, the width they fold to, and turning
lines into formatted text (the first pointed line keeps the terminal's view on it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prompt_toolkit.formatted_text import StyleAndTextTuples

STYLE_RULES = {
    "question": "bold",
    "answer": "fg:ansicyan",
    "note": "italic",
    "pointed": "bold fg:ansicyan",
    "hint": "fg:ansibrightblack",
    "error": "fg:ansired",
    "prefix": "bold",
}


def style() -> Any:
    from prompt_toolkit.styles import Style

    return Style.from_dict(STYLE_RULES)


def width_of(app: Any) -> int:
    """The terminal's width in columns."""
    return int(app.output.get_size().columns)


def formatted(drawn: list[tuple[str, str]]) -> StyleAndTextTuples:
    """Lines as prompt_toolkit (style, text) fragments, joined by newlines, with the cursor
    marker before the first pointed line so a list taller than the screen scrolls to it."""
    parts: StyleAndTextTuples = []
    marked = False
    for n, (style_class, line) in enumerate(drawn):
        if style_class == "class:pointed" and not marked:
            parts.append(("[SetCursorPosition]", ""))
            marked = True
        parts.append((style_class, line + ("\n" if n < len(drawn) - 1 else "")))
    return parts
