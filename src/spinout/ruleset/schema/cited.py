"""What every guidance item carries: citations of the source documents, the sources themselves,
the editorial flag and the date (`as_of`) of the scheme or law an item names."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, ClassVar

from pydantic import Field, field_validator, model_validator

from spinout.ruleset import cited
from spinout.ruleset.cited import AS_OF_PATTERN
from spinout.ruleset.schema.fields import Frozen, Id


class Citation(Frozen):
    """A verbatim passage of a source document that an item rests on."""

    runtime: ClassVar[type] = cited.Citation
    source: Id = Field(description="Id of a source declared in sources.yaml.")
    quote: str = Field(min_length=12, description="Words copied exactly from the source.")


AsOf = Annotated[
    str,
    Field(
        pattern=AS_OF_PATTERN,
        description="When the scheme, body, right or law the item names was as described: a "
        "year (`2012`), an ISO date (`2025-02-24`) or a range (`2011-2013`).",
    ),
]


def year_text(value: Any) -> Any:
    """YAML reads `2012` as a number and `2025-02-24` as a date: keep both as text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class Cited(Frozen):
    """Mixin for guidance items: each cites the sources or is marked editorial."""

    cite: tuple[Citation, ...] = Field(default=(), description="Passages this item rests on.")
    editorial: bool = Field(
        default=False, description="True when the content goes beyond what the sources say."
    )
    editorial_note: str | None = Field(
        default=None, min_length=1,
        description="spinout's own advice or later facts, kept apart from the sentences that "
        "rest on the cited passages.",
    )
    as_of: AsOf | None = Field(
        default=None,
        description="Required when the item names a scheme, body, right or law: the date or "
        "year it refers to, so readers know to check the current position.",
    )

    @field_validator("as_of", mode="before")
    @classmethod
    def _as_of_text(cls, v: Any) -> Any:
        return year_text(v)

    @model_validator(mode="after")
    def _cited_or_editorial(self) -> Cited:
        if not self.cite and not self.editorial:
            raise ValueError(
                "no citation — add a `cite:` entry quoting the source, or mark it `editorial: true`"
            )
        return self


class Source(Frozen):
    runtime: ClassVar[type] = cited.Source

    id: Id
    file: str = Field(description="File name inside seeds/ (no folders).")
    title: str = Field(min_length=1)
    publisher: str | None = Field(
        default=None, min_length=1, description="Who published it, as readers should see it."
    )
    date: str | None = Field(
        default=None, min_length=1, description="When it was published, e.g. `2010` or "
        "`2011-2012` for an archive of articles.",
    )
    headlines: tuple[str, ...] = Field(
        default=(),
        description="Article headlines in the file, each exactly one of its lines, in order.",
    )

    @field_validator("file")
    @classmethod
    def _plain_name(cls, v: str) -> str:
        if not v or "/" in v or "\\" in v or v.startswith(".") or "\0" in v:
            raise ValueError(
                "a source file must be a plain file name inside seeds/ "
                "(no folders, no `..`, no absolute path)"
            )
        return v
