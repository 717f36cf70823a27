"""Checking quotes against their source documents, and finding where each passage stands."""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from spinout.record import Record

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u2026": "...",
        "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None,
        "\ufeff": None,
    }
)


_FOLDS = tuple((chr(code), folded or "") for code, folded in _TYPOGRAPHY.items())


def normalise(text: str) -> str:
    """Fold typographic quotes, dashes and spaces, and collapse runs of white space (where the
    pattern ``\\s`` would see one: ``str.split`` breaks at the same characters).

    The same as ``text.translate(_TYPOGRAPHY)`` before the split, about twenty times faster:
    each fold is one ``str.replace``, tried only where its character occurs, and none of the
    folded texts holds a character another fold replaces."""
    if not text.isascii():
        for char, folded in _FOLDS:
            if char in text:
                text = text.replace(char, folded)
    return " ".join(text.split())


class Passage(Record):
    line: int
    headline: str | None
    text: str


class SourceText:
    """One source document, searchable by normalised quote, with line numbers and headlines."""

    def __init__(self, text: str, headlines: tuple[str, ...] = ()) -> None:
        self.lines = text.splitlines()
        self.headlines = headlines
        parts: list[str] = []
        self._starts: list[int] = []
        self._numbers: list[int] = []
        self._normalised = [normalise(line) for line in self.lines]
        offset = 0
        for number, norm in enumerate(self._normalised, 1):
            if not norm:
                continue
            self._starts.append(offset)
            self._numbers.append(number)
            parts.append(norm)
            offset += len(norm) + 1
        self.flat = " ".join(parts)

    def find(self, quote: str) -> int | None:
        """1-based line on which the quote begins, or None when it is not in the text.

        The text is searched as one normalised string, so a quote may run over line breaks
        and blank lines."""
        needle = normalise(quote)
        if not needle:
            return None
        at = self.flat.find(needle)
        if at < 0:
            return None
        return self._numbers[bisect.bisect_right(self._starts, at) - 1]

    @cached_property
    def headline_lines(self) -> list[tuple[int, str]]:
        wanted = {normalise(h) for h in self.headlines}
        return [(i, line.strip()) for i, (line, norm) in
                enumerate(zip(self.lines, self._normalised, strict=True), 1) if norm in wanted]

    def missing_headlines(self) -> list[str]:
        found = {normalise(h) for _, h in self.headline_lines}
        return [h for h in self.headlines if normalise(h) not in found]

    def headline_at(self, line: int) -> str | None:
        """The headline of the article that line belongs to (the last headline at or above)."""
        best = None
        for number, headline in self.headline_lines:
            if number > line:
                break
            best = headline
        return best

    def passage(self, quote: str) -> Passage | None:
        line = self.find(quote)
        if line is None:
            return None
        return Passage(line, self.headline_at(line), quote)

    def closest(self, quote: str) -> tuple[int, str]:
        """The line and passage of the text most like ``quote``, for "did you mean".

        Bounded, so a hostile rule set cannot stall the check: only the first
        :data:`MAX_NEEDLE` characters of the quote are compared; the text is cut into
        sentences (long ones into pieces of :data:`MAX_PIECE` characters), and only the
        :data:`CANDIDATES` pieces sharing the most words with the quote are compared
        character by character, a sentence much longer than the quote first cut to the quote's
        length around their longest common run of characters. The cost grows with the text's
        length, and only by a fixed amount with the quote's."""
        import difflib
        import heapq

        needle = normalise(quote)[:MAX_NEEDLE]
        words = frozenset(_WORD.findall(needle.lower()))
        pieces = self._pieces
        ranked = heapq.nlargest(CANDIDATES, range(len(pieces)),
                                key=lambda i: (len(words & pieces[i][2]), -i))
        best = (0.0, 1, "")
        for i in sorted(ranked):
            number, sentence, _ = pieces[i]
            window = _window(needle, sentence)
            matcher = difflib.SequenceMatcher(None, needle, window, autojunk=False)
            if matcher.real_quick_ratio() <= best[0] or matcher.quick_ratio() <= best[0]:
                continue
            ratio = matcher.ratio()
            if ratio > best[0]:
                best = (ratio, number, window)
        return best[1], best[2]

    @cached_property
    def _pieces(self) -> list[tuple[int, str, frozenset[str]]]:
        """(line, sentence or piece of one, its lower-case words), in text order."""
        found = []
        for number, norm in enumerate(self._normalised, 1):
            for sentence in _SENTENCE.split(norm):
                for start in range(0, len(sentence), MAX_PIECE):
                    piece = sentence[start:start + MAX_PIECE]
                    if piece:
                        found.append((number, piece, frozenset(_WORD.findall(piece.lower()))))
        return found


MAX_NEEDLE = 300
MAX_PIECE = 1000
CANDIDATES = 10
_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _window(needle: str, sentence: str) -> str:
    """The part of ``sentence`` about as long as ``needle`` that lines up with it best,
    widened to whole words and marked with "…" where it was cut."""
    import difflib

    if len(sentence) <= len(needle) * 3 // 2:
        return sentence
    matcher = difflib.SequenceMatcher(None, needle, sentence, autojunk=False)
    match = matcher.find_longest_match(0, len(needle), 0, len(sentence))
    start = max(0, match.b - match.a)
    start = sentence.rfind(" ", 0, start) + 1 if start else 0
    end = sentence.find(" ", min(len(sentence), start + len(needle)))
    end = len(sentence) if end < 0 else end
    cut = sentence[start:end].strip()
    return ("…" if start else "") + cut + ("…" if end < len(sentence) else "")
