"""The small parts every report is made of: names, the rule set it used, numbered citations
and the documents they quote, dated items, glossary entries, context answers and comments."""

from __future__ import annotations

from spinout.record import Record


class Named(Record):
    id: str
    name: str


class RulesInfo(Record):
    name: str
    version: str
    digest: str
    title: str
    sources_period: str | None = None  # the years the sources describe, e.g. "2010–2012"
    reviewed: str | None = None  # when the guidance was last reviewed (ISO date)


class Reference(Record):
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


class SourceDoc(Record):
    """A cited document's full text, for the HTML appendix."""

    id: str
    file: str
    title: str
    lines: tuple[str, ...]
    cited_lines: frozenset[int]


class DatedItem(Record):
    """A finding that names a scheme, body, right or law, with the date it refers to."""

    name: str
    as_of: str


class GlossaryItem(Record):
    term: str
    definition: str


class ContextItem(Record):
    """The answer to a question asked for context only (not scored), with why it is asked."""

    question: str
    text: str
    answer: str
    help: str


class CommentItem(Record):
    question: str
    text: str
    answer: str
