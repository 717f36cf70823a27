""""Why are we asking?": a question's help text and the source passages it rests on, each
named by its document's title, publisher and date (never by file name)."""

from __future__ import annotations

import re

from spinout.record import Record
from spinout.ruleset.model import Question, RuleSet, Source


class Passage(Record):
    quote: str
    source: str  # "Title. Publisher, date"


class Explanation(Record):
    help: str
    passages: tuple[Passage, ...]
    editorial: bool


def source_name(source: Source) -> str:
    """How readers see a source: its title, then publisher and date when the rules give them."""
    date = source.date
    if date and _years(date) and _years(date) <= _years(source.title):
        date = None  # the title already gives it
    after = ", ".join(part for part in (source.publisher, date) if part)
    return f"{source.title}. {after}" if after else source.title


def _years(text: str) -> set[str]:
    return set(re.findall(r"\d{4}", text))


def explain(rs: RuleSet, q: Question) -> Explanation:
    """The help text, and each quoted passage with the name of the document it comes from."""
    passages = tuple(Passage(c.quote, source_name(rs.source(c.source))) for c in q.cite)
    return Explanation(q.help, passages, q.editorial)
