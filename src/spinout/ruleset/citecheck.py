"""The citation check: every quote must stand in its source; every headline in its file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spinout.errors import Problem
from spinout.ruleset.citations import SourceText
from spinout.ruleset.model import RuleSet

CITED_KINDS = ("dimensions", "questions", "barriers", "stages", "legal_forms",
               "group_warnings")


def source_texts(rs: RuleSet) -> dict[str, SourceText]:
    """Searchable text of each source, built once per rule set."""
    return rs.texts


def check_citations(rs: RuleSet, at: Any) -> Iterator[Problem]:
    texts = source_texts(rs)
    for i, source in enumerate(rs.sources):
        text = texts.get(source.id)
        for missing in text.missing_headlines() if text else ():
            j = source.headlines.index(missing)
            yield at("sources", i, ("headlines", j), "headline is not a line of "
                     f"{source.file}", "copy the headline's whole line exactly")
    for kind in CITED_KINDS:
        for i, item in enumerate(getattr(rs, kind)):
            for j, citation in enumerate(item.cite):
                text = texts.get(citation.source)
                if text is None or text.find(citation.quote) is not None:
                    continue
                line, passage = text.closest(citation.quote)
                file = rs.source(citation.source).file
                yield at(kind, i, ("cite", j, "quote"),
                         f"quote not found in `{citation.source}` ({file})",
                         f"the closest passage is on line {line}: \"{_clip(passage)}\"")


def _clip(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
