"""The quick paths of the text helpers (skipping a pattern when a cheap test shows it cannot
match) give exactly what the patterns alone give, on any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from spinout import textsafe
from spinout.report import text

# Characters each pattern reacts to, mixed with plain letters, so that random texts hit them.
AWKWARD = ("\x1b]0;t\x07", "\x1b[31m", "\x1bP", "\r\n", "\r", "\n", "\t", "\u2028", "\x85",
           "\u202e", "\u200b", "\ufeff", "\U000e0041", "\x00", "\x9f", "\u00a0", "\u3000",
           "\x1c", "  ", "_", "a_b", "*", "`", "[", "]", "<", ">", "|", "~", "\\", "://",
           "http://x", "www.", "WWW.", "Www.", "@", "a@b", "@ ", "&amp;", "&#35;", "&", "1.",
           "1) ", "-", "+", "=", "#", "~~", "İ", "ß")
texts = st.lists(st.one_of(st.sampled_from(AWKWARD), st.text(max_size=6)),
                 max_size=12).map("".join)


def strip_controls(value: str) -> str:
    return textsafe._ESCAPES.sub("", textsafe._NEWLINES.sub("\n", value))


def md_escape(value: str, mid_line: bool) -> str:
    escaped = re.sub(r"\s+", " ", strip_controls(value)).strip()
    escaped = text._MD_SPECIAL.sub(r"\\\1", escaped)
    escaped = text._MD_AUTOLINK.sub(lambda m: "\\" + m.group(), escaped)
    escaped = text._MD_ENTITY.sub(r"\\&", escaped)
    return escaped if mid_line else text._MD_LINE_START.sub(text._escape_start, escaped)


@settings(max_examples=600)
@given(texts)
def test_strip_controls_equals_the_patterns(value: str) -> None:
    assert textsafe.strip_controls(value) == strip_controls(value)


@settings(max_examples=600)
@given(texts, st.booleans())
def test_md_escape_equals_the_patterns(value: str, mid_line: bool) -> None:
    assert text.md_escape(value, mid_line) == md_escape(value, mid_line)


def test_every_character_the_patterns_change_is_seen() -> None:
    """Scan the whole of Unicode once: any character the two patterns change alone is one the
    quick test looks for."""
    for code in range(0x110000):
        char = chr(code)
        if strip_controls(char) != char or strip_controls(f"a{char}b") != f"a{char}b":
            assert textsafe._TOUCHED.search(char), hex(code)


QUOTES = ("\u2018", "\u2019", "\u201c", "\u201d", "\u2013", "\u2014", "\u2026", "\u00a0",
          "\u202f", "\u00ad", "\u200b", "\ufeff", "\u2028", "\x0b", "\x1c", "\r\n", "\n\n")
source_texts = st.lists(st.one_of(st.sampled_from(AWKWARD + QUOTES), st.text(max_size=6)),
                        max_size=16).map("".join)


@settings(max_examples=400)
@given(source_texts)
def test_normalise_folds_and_collapses_as_the_pattern_did(value: str) -> None:
    from spinout.ruleset import citations

    expected = re.sub(r"\s+", " ", value.translate(citations._TYPOGRAPHY)).strip()
    assert citations.normalise(value) == expected


@settings(max_examples=400)
@given(source_texts)
def test_a_source_is_folded_line_by_line(value: str) -> None:
    from spinout.ruleset.citations import SourceText, normalise

    assert SourceText(value)._normalised == [normalise(line) for line in value.splitlines()]


def test_every_fold_and_pair_of_folds_matches_the_table() -> None:
    """Each typographic character, alone, next to another and in a word, folds as the
    translation table says (the replacements are applied one after another, the table all at
    once)."""
    from spinout.ruleset import citations

    chars = [chr(code) for code in citations._TYPOGRAPHY]
    for a in chars:
        for b in chars:
            value = f"x{a}{b} {a}y"
            expected = " ".join(value.translate(citations._TYPOGRAPHY).split())
            assert citations.normalise(value) == expected, (hex(ord(a)), hex(ord(b)))
