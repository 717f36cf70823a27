"""Which glossary terms a text uses: the one matching rule behind the notes under a question and
the report's glossary.

A term is used where its word, or one of its other forms, stands whole: in any case, and not
run on into a longer word, a hyphenated one included ("mutual" is used in "a mutual's board" and
"Mutual", not in "mutuality" or "non-mutual"). Found with ``str.find`` rather than a pattern
per term, so a report does not compile dozens of patterns.
"""

from __future__ import annotations

from collections.abc import Iterable

from spinout.ruleset.guidance import GlossaryTerm


def _joins(char: str) -> bool:
    """Whether ``char`` would run on into a word: a letter, digit, underscore or hyphen (the
    pattern ``[\\w-]``)."""
    return char.isalnum() or char in "_-"


def first_use(text: str, word: str) -> int:
    """Where ``word`` first stands whole in ``text`` (both already lower-case), or -1."""
    if not word:
        return -1
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not _joins(text[start - 1])) and (
                end == len(text) or not _joins(text[end])):
            return start
        start = text.find(word, start + 1)
    return -1


def terms_in(glossary: Iterable[GlossaryTerm], *texts: str) -> tuple[GlossaryTerm, ...]:
    """The terms (by their word or another form) used in ``texts``, in the order they are first
    used."""
    joined = "\n".join(texts).lower()
    found: list[tuple[int, int, GlossaryTerm]] = []
    for order, term in enumerate(glossary):
        uses = [at for at in (first_use(joined, form.lower()) for form in (term.term, *term.also))
                if at >= 0]
        if uses:
            found.append((min(uses), order, term))
    return tuple(term for _, _, term in sorted(found, key=lambda use: use[:2]))
