"""The short note that explains a glossary term where it is first met (which terms a text uses
is :func:`spinout.ruleset.terms.terms_in`). Pure: no terminal."""

from __future__ import annotations

import re

from spinout.ruleset.model import GlossaryTerm

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def note(term: GlossaryTerm) -> str:
    """One line for under a question: the term and the first sentence of its definition."""
    return f"“{term.term}”: {first_sentence(term.definition)}"
