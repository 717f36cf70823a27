"""The small parts every report is made of: names, the rule set it used, numbered citations
and the documents they quote, dated items, glossary entries, context answers and comments."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Named:
    id: str
    name: str


@dataclass(frozen=True)
class RulesInfo:
    name: str
    version: str
    digest: str
    title: str
    sources_period: str | None = None  # the years the sources describe, e.g. "2010–2012"
    reviewed: str | None = None  # when the guidance was last reviewed (ISO date)


@dataclass(frozen=True)
class Reference:
    """One numbered citation: a verbatim passage and where it stands in its source."""

    n: int
    source: str
    title: str
    file: str
    line: int
    headline: str | None
    quote: str
    publisher: str | None = None
    date: str | None = None

    @property
    def cited_as(self) -> str:
        """The source as readers see it named: title, publisher and date."""
        return ", ".join(part for part in (self.title, self.publisher, self.date) if part)


@dataclass(frozen=True)
class SourceDoc:
    """A cited document's full text, for the HTML appendix."""

    id: str
    file: str
    title: str
    lines: tuple[str, ...]
    cited_lines: frozenset[int]


@dataclass(frozen=True)
class DatedItem:
    """A finding that names a scheme, body, right or law, with the date it refers to."""

    name: str
    as_of: str


@dataclass(frozen=True)
class GlossaryItem:
    term: str
    definition: str


@dataclass(frozen=True)
class ContextItem:
    """The answer to a question asked for context only (not scored), with why it is asked."""

    question: str
    text: str
    answer: str
    help: str


@dataclass(frozen=True)
class CommentItem:
    question: str
    text: str
    answer: str
