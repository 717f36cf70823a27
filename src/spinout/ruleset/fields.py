"""Field types every rule-file model shares: ids, option values and the frozen base."""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import BaseModel, ConfigDict, Field

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        max_length=64,
        description="Stable identifier: lower case letters, digits and underscores.",
    ),
]
OptionValue = Union[bool, int, str]  # noqa: UP007 - pydantic JSON Schema reads this form


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
