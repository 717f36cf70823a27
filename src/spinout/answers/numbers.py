"""Reading a number a person typed or a survey tool exported."""

from __future__ import annotations

import math
import re

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$")
MAX_TEXT = 40
LIMIT = 10**15  # beyond this, whole numbers no longer survive a trip through a float


def parse_number(text: str) -> int | float | None:
    """A whole or decimal number; ``1,200`` and ``1 200`` read as twelve hundred. None when it
    is not one, including ``1,5`` (ambiguous), ``1_000``, NaN, infinity, and numbers too long
    or too large (beyond a thousand million million) to be an answer."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if len(cleaned) > MAX_TEXT:
        return None
    if _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if not _PLAIN.match(cleaned):
        return None
    try:
        number = float(cleaned)
    except ValueError:
        return None
    if not math.isfinite(number) or abs(number) >= LIMIT:
        return None
    if re.fullmatch(r"[+-]?\d+", cleaned):
        return int(cleaned)
    return int(number) if number.is_integer() else number
