"""Rule files as a whole: the header, roles, and :class:`RuleFile`, which one YAML file under
``rules/`` validates as (every section optional). Field docs double as the JSON Schema that
``spinout rules schema`` prints for editors.
"""

from __future__ import annotations

import datetime
from typing import ClassVar

from pydantic import ConfigDict, Field

from spinout.ruleset import model
from spinout.ruleset.schema.cited import Source
from spinout.ruleset.schema.fields import Frozen, Id
from spinout.ruleset.schema.guidance import (
    Bands,
    Barrier,
    GlossaryTerm,
    GroupWarningRule,
    LegalForm,
    Stage,
)
from spinout.ruleset.schema.questions import Dimension, Question, Section


class Role(Frozen):
    runtime: ClassVar[type] = model.Role

    id: Id
    label: str = Field(min_length=1)
    senior: bool = Field(default=False, description="True for senior management roles.")


class Header(Frozen):
    runtime: ClassVar[type] = model.Header

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
