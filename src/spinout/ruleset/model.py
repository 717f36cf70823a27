"""The rule-set data model: one immutable record for every kind of guidance item.

The loader validates each YAML file under ``rules/`` against :mod:`spinout.ruleset.schema` (whose
field docs are the JSON Schema ``spinout rules schema`` prints), joins the files and builds one
:class:`RuleSet` of these records; a checked rule set is cached as JSON and read back into them
without pydantic. The modules holding these records (this one, ``fields``, ``cited``,
``questions``, ``guidance`` and ``conditions.model``) leave annotations unpostponed (no
``from __future__ import annotations``), so msgspec reads their types as objects rather than
compiling each from a string the first time a cached rule set is read.
"""


import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from spinout.record import field
from spinout.ruleset.cited import AS_OF_PATTERN, Citation, Cited, Source
from spinout.ruleset.fields import Id, Item
from spinout.ruleset.guidance import (
    SEVERITIES,
    Band,
    Bands,
    Barrier,
    Criterion,
    FitRule,
    GlossaryTerm,
    GroupWarningRule,
    LegalAttributes,
    LegalForm,
    Severity,
    Stage,
)
from spinout.ruleset.questions import Dimension, LinearScore, Option, Question, Section

if TYPE_CHECKING:
    from spinout.ruleset.citations import SourceText
    from spinout.ruleset.index import RuleIndex

__all__ = [
    "AS_OF_PATTERN", "LIST_SECTIONS", "SEVERITIES", "Band", "Bands", "Barrier",
    "Citation", "Cited", "Criterion", "Dimension", "FitRule", "GlossaryTerm", "GroupWarningRule",
    "Header", "LegalAttributes", "LegalForm", "LinearScore", "Option", "Question", "Role",
    "RuleSet", "Section", "Severity", "Source", "Stage",
]


class Role(Item):
    id: Id
    label: str
    senior: bool = False


class Header(Item):
    name: Id
    version: str
    title: str
    min_group_size: int = 10
    staff_count_question: Id | None = None
    sources_period: str | None = None
    reviewed: datetime.date | None = None


LIST_SECTIONS = (
    "sources",
    "roles",
    "dimensions",
    "sections",
    "questions",
    "barriers",
    "stages",
    "legal_forms",
    "group_warnings",
    "glossary",
)


class RuleSet(Item, dict=True, kw_only=True):
    header: Header
    sources: tuple[Source, ...]
    roles: tuple[Role, ...]
    dimensions: tuple[Dimension, ...]
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    barriers: tuple[Barrier, ...]
    stages: tuple[Stage, ...]
    legal_forms: tuple[LegalForm, ...]
    bands: Bands
    group_warnings: tuple[GroupWarningRule, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()
    digest: str
    seeds: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"RuleSet({self.header.name!r} {self.header.version!r}, {self.digest})"

    @cached_property
    def index(self) -> "RuleIndex":
        """Lookups by id and the tables derived from the rules, built on first use."""
        from spinout.ruleset.index import RuleIndex

        return RuleIndex.build(self)

    @cached_property
    def texts(self) -> "dict[str, SourceText]":
        """Each source's text, normalised for finding quotes, built on first use."""
        from spinout.ruleset.citations import SourceText

        return {s.id: SourceText(self.seeds[s.id], s.headlines)
                for s in self.sources if s.id in self.seeds}

    def question(self, qid: str) -> Question:
        return self.index.by_kind["questions"][qid]

    def dimension(self, did: str) -> Dimension:
        return self.index.by_kind["dimensions"][did]

    def source(self, sid: str) -> Source:
        return self.index.by_kind["sources"][sid]

    def role(self, rid: str) -> Role:
        return self.index.by_kind["roles"][rid]

    def barrier(self, bid: str) -> Barrier:
        return self.index.by_kind["barriers"][bid]

    def stage(self, sid: str) -> Stage:
        return self.index.by_kind["stages"][sid]

    def legal_form(self, fid: str) -> LegalForm:
        return self.index.by_kind["legal_forms"][fid]

    def band(self, bid: str) -> Band:
        return self.index.by_kind["bands"][bid]

    def has(self, kind: str, item_id: str) -> bool:
        return item_id in self.index.by_kind[kind]

    def questions_in_order(self) -> tuple[Question, ...]:
        """Questions section by section (sections in declared order), file order within."""
        return self.index.ordered
