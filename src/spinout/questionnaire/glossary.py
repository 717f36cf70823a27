"""Which glossary terms a piece of text uses, and the short note that explains one where it is
first met. Pure: no terminal."""

from __future__ import annotations

import re
from functools import lru_cache

from spinout.ruleset.model import GlossaryTerm, RuleSet

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@lru_cache(maxsize=256)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    longest_first = sorted(words, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in longest_first)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def terms_in(rs: RuleSet, *texts: str) -> tuple[GlossaryTerm, ...]:
    """The glossary terms (by their word or its other forms) used in ``texts``, in the order
    they first appear."""
    joined = "\n".join(texts)
    found: list[tuple[int, GlossaryTerm]] = []
    for term in rs.glossary:
        match = _pattern((term.term, *term.also)).search(joined)
        if match:
            found.append((match.start(), term))
    return tuple(t for _, t in sorted(found, key=lambda pair: pair[0]))


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def note(term: GlossaryTerm) -> str:
    """One line for under a question: the term and the first sentence of its definition."""
    return f"“{term.term}”: {first_sentence(term.definition)}"
