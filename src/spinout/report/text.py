"""Text helpers shared by the report renderers: cleaning, Markdown escaping, number display."""

from __future__ import annotations

import re
from typing import Protocol

from spinout.textsafe import strip_controls

_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
_MD_SPECIAL_CHARS = re.compile(r"[\\`*\[\]<>|~_]")  # what any _MD_SPECIAL match starts with
# What GitHub-flavoured Markdown would turn into a link although no markup is typed: the colon
# of ``scheme://``, the dot of ``www.`` and the ``@`` of an e-mail address.
_MD_AUTOLINK = re.compile(r":(?=//)|(?<=\bwww)\.|@(?=\w)", re.IGNORECASE)
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_LINE_START = re.compile(r"^([-+=#~]|\d+(?=[.)](?:\s|$)))")


def clean(text: object) -> str:
    """Untrusted text without terminal escapes or control characters."""
    return strip_controls(str(text))


def inline(text: object) -> str:
    """Cleaned text on one line: every run of white space becomes one space."""
    return " ".join(clean(text).split())  # str.split() breaks where the pattern \s does


def md_escape(text: object, mid_line: bool = False) -> str:
    """One line of untrusted text made inert in CommonMark and GitHub-flavoured Markdown:
    markup, HTML, links (also bare URLs and e-mail addresses), strikethrough and entity
    references all come out as the characters typed. ``mid_line``: the text never
    starts a line (it follows other text), so list and heading markers need no escape."""
    escaped = inline(text)
    if _MD_SPECIAL_CHARS.search(escaped):
        escaped = _MD_SPECIAL.sub(r"\\\1", escaped)
    if "://" in escaped or "@" in escaped or "www." in escaped.lower():
        escaped = _MD_AUTOLINK.sub(lambda m: "\\" + m.group(), escaped)
    if "&" in escaped:
        escaped = _MD_ENTITY.sub(r"\\&", escaped)
    return escaped if mid_line else _MD_LINE_START.sub(_escape_start, escaped)


def _escape_start(match: re.Match[str]) -> str:
    """Escape what would start a list, heading or fence: ``1.`` becomes ``1\\.``."""
    found = match.group(1)
    return found + "\\" if found[0].isdigit() else "\\" + found


def md_refs(numbers: tuple[int, ...]) -> str:
    """Reference numbers as `` [1, 2]`` after a finding (empty when there are none)."""
    return f" [{', '.join(map(str, numbers))}]" if numbers else ""


def md_lines(text: object) -> list[str]:
    """Untrusted multi-line text as escaped lines (blank lines kept as empty strings)."""
    return [md_escape(line) for line in clean(text).splitlines()]


def number(value: float | None, digits: int = 1) -> str:
    """A score for reading: one decimal, or an en dash when there is none."""
    if value is None:
        return "–"
    return f"{value:.{digits}f}"


def percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}%"


def signed(value: float) -> str:
    """A change with its sign: +2.5, −1.0, ±0.0."""
    shown = f"{abs(value):.1f}"
    if shown == "0.0":
        return "±0.0"
    return ("+" if value > 0 else "−") + shown


def plural(n: int, word: str) -> str:
    """``1 respondent``, ``2 respondents``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def short_digest(digest: str) -> str:
    return digest[:19] + "…" if len(digest) > 19 else digest


class Style(Protocol):
    """How a format writes untrusted text, strong text and quotations."""

    def text(self, value: object, mid_line: bool = False) -> str: ...

    def strong(self, inner: str) -> str: ...

    def quote(self, inner: str) -> str: ...


class MarkdownStyle:
    """How Markdown writes the shared sentences: escaped text, ``**strong**``, “quotes”."""

    def text(self, value: object, mid_line: bool = False) -> str:
        return md_escape(value, mid_line)

    def strong(self, inner: str) -> str:
        return f"**{inner}**"

    def quote(self, inner: str) -> str:
        return f"“{inner}”"


MD = MarkdownStyle()
