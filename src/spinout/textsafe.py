"""Making untrusted text (from rules or answers) inert for the terminal.

Text typed by staff or rule editors may hold ANSI colour codes, OSC sequences (terminal
hyperlinks, window titles, clipboard writes), bidirectional overrides that reorder what is
shown, or rich markup such as ``[link=…]``. None of it may reach the terminal as anything but
plain characters.
"""

from __future__ import annotations

import re

# ANSI CSI and OSC sequences, other escapes, C0/C1 control characters except tab and newline,
# the Unicode bidirectional embedding, override and isolate controls and marks (LRM, RLM, ALM),
# zero-width and invisible characters (spaces, joiners, word joiner, invisible operators,
# byte-order mark, Mongolian vowel separator) and the tag characters U+E0000–U+E007F, which
# can hide or reorder what a reader sees.
_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[P^_X][^\x1b]*(?:\x1b\\)?"  # DCS, PM, APC, SOS ... ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[ -/]*[0-~]"  # other escapes (two bytes, or with intermediates)
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c"
    r"\u2060-\u2064\ufeff\u180e\U000e0000-\U000e007f]"
)
_NEWLINES = re.compile(r"\r\n|[\n\r\u2028\u2029\x85]")
# Every character either pattern above starts a match with, but the newline: text without any
# is left as it is by both, which a single search tells cheaply.
_TOUCHED = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c"
    r"\u2060-\u2064\ufeff\u180e\U000e0000-\U000e007f\u2028\u2029]"
)


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters (keeps tab and newline)."""
    if _TOUCHED.search(text) is None:
        return text
    return _ESCAPES.sub("", _NEWLINES.sub("\n", text))


def one_line(text: str) -> str:
    """Untrusted text for a one-line message: no escapes, and line breaks shown as ``\\n``."""
    return strip_controls(text).replace("\n", "\\n")


def for_terminal(text: object) -> str:
    """Text safe to print through rich: no escapes, and markup brackets escaped."""
    from rich.markup import escape

    return escape(strip_controls(str(text)))
