"""Rule-set items built from plain data in tests, validated as a rule file's items are."""

from __future__ import annotations

from typing import Any

from spinout.ruleset.conditions import Condition


def validated(model: type, data: dict[str, Any]) -> Any:
    """The rule-set record that ``data`` gives when read as the rule-file model ``model`` (a
    class of :mod:`spinout.ruleset.schema`); raises pydantic's ValidationError as the loader
    would see it."""
    return model.model_validate(data).to_runtime()


def condition(data: dict[str, Any]) -> Condition:
    """A condition as a rule file gives it, validated and turned into its record."""
    from pydantic import TypeAdapter

    from spinout.ruleset.schema.conditions import Condition as Given

    return TypeAdapter(Given).validate_python(data).to_runtime()  # type: ignore[no-any-return]
