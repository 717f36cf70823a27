"""Reading a number a person typed or a survey tool exported."""

from __future__ import annotations

import math
import re

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_number(text: str) -> int | float | None:
    """A whole or decimal number; ``1,200`` and ``1 200`` read as twelve hundred. None when it
    is not one, including ``1,5`` (ambiguous), ``1_000``, NaN and infinity."""
    cleaned = text.strip().replace(" ", "")
    if _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if not cleaned or "_" in cleaned:
        return None
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        number = float(cleaned)
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    return int(number) if number.is_integer() else number
