"""The rule-set data model: frozen pydantic models for every kind of guidance item.

One YAML file under ``rules/`` validates as a :class:`RuleFile` (every section optional); the
loader joins the files into one :class:`RuleSet`. Field docs double as the JSON Schema that
``spinout rules schema`` prints for editors.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pydantic import ConfigDict, Field

from spinout.ruleset.cited import AS_OF_PATTERN, AsOf, Citation, Cited, Source
from spinout.ruleset.fields import Frozen, Id
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
    "AS_OF_PATTERN", "LIST_SECTIONS", "SEVERITIES", "AsOf", "Band", "Bands", "Barrier",
    "Citation", "Cited", "Criterion", "Dimension", "FitRule", "GlossaryTerm", "GroupWarningRule",
    "Header", "LegalAttributes", "LegalForm", "LinearScore", "Option", "Question", "Role",
    "RuleFile", "RuleSet", "Section", "Severity", "Source", "Stage",
]


class Role(Frozen):
    id: Id
    label: str = Field(min_length=1)
    senior: bool = Field(default=False, description="True for senior management roles.")


class Header(Frozen):
    name: Id
    version: str = Field(min_length=1)
    title: str = Field(min_length=1)
    min_group_size: int = Field(
        default=10, ge=2, le=1000,
        description="Smallest subgroup a group report breaks down (by role or otherwise).",
    )
    staff_count_question: Id | None = Field(
        default=None,
        description="Id of the number question giving the staff count; a group's staff count "
        "is the median of its answers.",
    )
    sources_period: str | None = Field(
        default=None, min_length=1,
        description="The years the source documents describe, e.g. `2010-2012`.",
    )
    reviewed: datetime.date | None = Field(
        default=None, description="When the guidance was last reviewed (an ISO date)."
    )


class RuleFile(Frozen):
    """One YAML file under rules/. Sections may be split over several files; each list section
    is joined in file-name order."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    ruleset: Header | None = None
    sources: tuple[Source, ...] = ()
    roles: tuple[Role, ...] = ()
    dimensions: tuple[Dimension, ...] = ()
    sections: tuple[Section, ...] = ()
    questions: tuple[Question, ...] = ()
    barriers: tuple[Barrier, ...] = ()
    stages: tuple[Stage, ...] = ()
    legal_forms: tuple[LegalForm, ...] = ()
    group_warnings: tuple[GroupWarningRule, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()
    bands: Bands | None = None


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


class RuleSet(Frozen):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

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
    digest: str = Field(description="sha256 of the rule files' bytes, in file-name order.")
    seeds: dict[str, str] = Field(
        default_factory=dict, description="Source id -> the document's text.", repr=False
    )

    @cached_property
    def index(self) -> RuleIndex:
        """Lookups by id and the tables derived from the rules, built on first use."""
        from spinout.ruleset.index import RuleIndex

        return RuleIndex.build(self)

    @cached_property
    def texts(self) -> dict[str, SourceText]:
        """Each source's text, normalised for finding quotes, built on first use."""
        from spinout.ruleset.citations import SourceText

        return {s.id: SourceText(self.seeds[s.id], s.headlines)
                for s in self.sources if s.id in self.seeds}

    def model_copy(self, *, update: Mapping[str, Any] | None = None,
                   deep: bool = False) -> RuleSet:
        """A copy with ``update`` applied; its index and texts are built afresh."""
        copy = super().model_copy(update=update, deep=deep)
        for derived in ("index", "texts"):
            copy.__dict__.pop(derived, None)
        return copy

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
