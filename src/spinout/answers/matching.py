"""Matching the words of a survey export to the rule set: a header to its question (by an
[id] tag, the id, or the question's text compared loosely), a word to an option, a cell to a
tick."""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property

from spinout.qtypes import DONT_KNOW_LABEL, Shape
from spinout.qtypes.base import option_by_word
from spinout.ruleset.model import Question, RuleSet
from spinout.values import DONT_KNOW, AnswerValue

_NUMBERING = re.compile(r"^(?:q(?:uestion)?\s*)?\d+[a-z]?(?:\.\d+)*\s*[.):]\s*|^q\d+\s+")
_TAG = re.compile(r"\[([a-z][a-z0-9_]*)\]\s*$|^\[([a-z][a-z0-9_]*)\]")
_QUOTES = str.maketrans("‘’‚‛“”„‟′″", "''''\"\"\"\"'\"")
_TICKS_OFF = frozenset({"0", "false", "no", "n", "not selected", "unchecked"})
_SPLIT_SEPARATORS = (" - ", " – ", ": ", " / ", "/")


def normal(text: str) -> str:
    """Header or question text compared loosely: compatibility forms and curly quotes folded,
    case ignored, a leading question number dropped, punctuation and spacing collapsed."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().strip()
    folded = _NUMBERING.sub("", folded)
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


class Lookup:
    """The rule set's questions by id and by normalised text, built once per import."""

    def __init__(self, rs: RuleSet) -> None:
        self.rs = rs
        self.ids = {q.id: q for q in rs.questions}

    @cached_property
    def texts(self) -> dict[str, Question | None]:
        found: dict[str, Question | None] = {}
        for q in self.rs.questions:
            key = normal(q.text)
            found[key] = None if key in found else q  # None: two questions share the text
        return found

    def question(self, header: str) -> tuple[Question | None, str]:
        """The question a whole-answer header names, and how it was found."""
        word = header.strip()
        tag = _TAG.search(word)
        if tag and (tag.group(1) or tag.group(2)) in self.ids:
            return self.ids[tag.group(1) or tag.group(2)], "by its [id] tag"
        if word.casefold() in self.ids:
            return self.ids[word.casefold()], "by id"
        for sep in ("/", "-"):
            last = word.rsplit(sep, 1)[-1].strip().casefold()
            if sep in word and last in self.ids:
                return self.ids[last], "by id, after a group prefix"
        q = self.texts.get(normal(word))
        if q is not None:
            return q, "by question text"
        if "/" in word:
            q = self.texts.get(normal(word.rsplit("/", 1)[1]))
            if q is not None:
                return q, "by question text, after a group label"
        return None, ""

    def option(self, q: Question, word: str) -> AnswerValue | None:
        return option(q, word)

    def split(self, header: str) -> tuple[Question, AnswerValue, str] | None:
        """A column for one option of a multi-choice question: ``question<sep>option``."""
        for sep in _SPLIT_SEPARATORS:
            if sep not in header:
                continue
            left, right = header.rsplit(sep, 1)
            q = self.question(left)[0]
            if q is not None and q.kind.shape(q) == Shape.MULTI:
                option = self.option(q, right)
                if option is not None:
                    return q, option, "one column per option"
        return None


def option(q: Question, word: str) -> AnswerValue | None:
    """The option of ``q`` named by ``word`` (its value or label), "don't know" where
    allowed, or None."""
    word = word.strip()
    found = option_by_word(q, word)
    if found is not None:
        return found[0]
    if q.dont_know and normal(word) in (normal(DONT_KNOW_LABEL), "dont know"):
        return DONT_KNOW
    return None


def ticked(cell: str) -> bool | None:
    """Whether a one-column-per-option cell ticks its option: empty is not answered (None);
    0, false or no is not ticked; anything else (1, true, the option's label) is ticked."""
    word = cell.strip()
    if not word:
        return None
    return normal(word) not in _TICKS_OFF
