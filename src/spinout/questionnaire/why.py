""""Why are we asking?": a question's help text and the source passages it rests on."""

from __future__ import annotations

from dataclasses import dataclass

from spinout.ruleset.citecheck import source_texts
from spinout.ruleset.model import Question, RuleSet


@dataclass(frozen=True)
class Passage:
    quote: str
    title: str
    file: str
    line: int | None


@dataclass(frozen=True)
class Explanation:
    help: str
    passages: tuple[Passage, ...]
    editorial: bool


def explain(rs: RuleSet, q: Question) -> Explanation:
    """The help text, and each quoted passage with its document's title, file and line."""
    texts = source_texts(rs)
    passages = []
    for citation in q.cite:
        source = rs.source(citation.source)
        text = texts.get(citation.source)
        line = text.find(citation.quote) if text is not None else None
        passages.append(Passage(citation.quote, source.title, source.file, line))
    return Explanation(q.help, tuple(passages), q.editorial)
