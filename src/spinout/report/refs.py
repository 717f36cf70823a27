"""Numbering citations in the order a reader meets them; one number per distinct passage;
the appendix's excerpts: each cited line with a few lines of context."""

from __future__ import annotations

from typing import Any

from spinout.errors import Problem, RulesError
from spinout.record import Record
from spinout.report.model import Reference, SourceDoc
from spinout.ruleset.citations import normalise
from spinout.ruleset.citecheck import source_texts
from spinout.ruleset.model import RuleSet

CONTEXT = 2  # lines either side of a cited line; in the sources a blank line parts paragraphs


class Excerpt(Record):
    """Consecutive lines of a source, numbered from 1 as in the file; blank lines left out."""

    first: int
    last: int
    lines: tuple[tuple[int, str], ...]


class Citations:
    """Hands out reference numbers while a report is built."""

    def __init__(self, rs: RuleSet) -> None:
        self._rs = rs
        self._texts = source_texts(rs)
        self._numbers: dict[tuple[str, str], int] = {}
        self._refs: list[Reference] = []

    def cite(self, item: Any) -> tuple[int, ...]:
        """Reference numbers for a rule item's citations, in its order, without repeats."""
        numbers: list[int] = []
        for citation in item.cite:
            n = self._number(citation.source, citation.quote)
            if n not in numbers:
                numbers.append(n)
        return tuple(numbers)

    def _number(self, source_id: str, quote: str) -> int:
        key = (source_id, normalise(quote))
        if key not in self._numbers:
            self._numbers[key] = len(self._refs) + 1
            self._refs.append(self._reference(len(self._refs) + 1, source_id, quote))
        return self._numbers[key]

    def _reference(self, n: int, source_id: str, quote: str) -> Reference:
        source = self._rs.source(source_id)
        text = self._texts.get(source_id)
        passage = text.passage(quote) if text else None
        if passage is None:
            raise RulesError(Problem(source.file, None, None, f"the quote \"{quote[:60]}\" is "
                                     f"not in `{source_id}`", "run `spinout rules check` and "
                                     "fix the citation"))
        return Reference(n, source_id, source.title, source.file, passage.line,
                         passage.headline, quote, source.publisher, source.date)

    @property
    def references(self) -> tuple[Reference, ...]:
        return tuple(self._refs)

    def appendix(self) -> tuple[SourceDoc, ...]:
        """The full text of every cited source, in the order first cited."""
        cited: dict[str, set[int]] = {}
        for ref in self._refs:
            cited.setdefault(ref.source, set()).add(ref.line)
        docs = []
        for source_id, lines in cited.items():
            source = self._rs.source(source_id)
            docs.append(SourceDoc(source_id, source.file, source.title,
                                  tuple(self._texts[source_id].lines), frozenset(lines)))
        return tuple(docs)


def excerpts(doc: SourceDoc, context: int = CONTEXT) -> tuple[Excerpt, ...]:
    """The cited lines of ``doc`` with ``context`` lines either side, overlapping or touching
    windows merged, in line order."""
    windows: list[list[int]] = []
    for n in sorted(doc.cited_lines):
        low, high = max(1, n - context), min(len(doc.lines), n + context)
        if windows and low <= _last_text(doc, windows[-1][1]) + 1:
            windows[-1][1] = max(windows[-1][1], high)
        else:
            windows.append([low, high])
    return tuple(_excerpt(doc, low, high) for low, high in windows)


def _last_text(doc: SourceDoc, n: int) -> int:
    """``n``, moved past any blank lines after it, so windows parted only by blank lines join."""
    while n < len(doc.lines) and not doc.lines[n].strip():
        n += 1
    return n


def _excerpt(doc: SourceDoc, low: int, high: int) -> Excerpt:
    lines = tuple((n, doc.lines[n - 1]) for n in range(low, high + 1) if doc.lines[n - 1].strip())
    return Excerpt(lines[0][0], lines[-1][0], lines)
