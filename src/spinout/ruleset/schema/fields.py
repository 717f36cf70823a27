"""Field types every rule-file model shares: ids, option values and the frozen base, which turns
a validated model into the rule-set record it stands for."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Union

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

    runtime: ClassVar[type[Any] | None] = None
    """The record of :mod:`spinout.ruleset.model` this model is validated into (same fields)."""

    def to_runtime(self) -> Any:
        """The rule-set record holding this model's values (nested models turned likewise)."""
        record = type(self).runtime
        if record is None:
            raise TypeError(f"{type(self).__name__} has no rule-set record")
        return record(**{name: _runtime(getattr(self, name))
                         for name in type(self).model_fields})


def _runtime(value: Any) -> Any:
    if isinstance(value, Frozen):
        return value.to_runtime()
    if isinstance(value, tuple):
        return tuple(_runtime(v) for v in value)
    if isinstance(value, dict):
        return {k: _runtime(v) for k, v in value.items()}
    return value
