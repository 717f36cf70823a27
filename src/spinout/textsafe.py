"""Making untrusted text (from rules or answers) inert for the terminal."""

from __future__ import annotations

import re

# ANSI CSI and OSC sequences, other escapes, and C0/C1 control characters except tab/newline.
_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters (keeps tab and newline)."""
    return _ESCAPES.sub("", text)


def for_terminal(text: object) -> str:
    """Text safe to print through rich: no escapes, and markup brackets escaped."""
    from rich.markup import escape

    return escape(strip_controls(str(text)))
