"""Turning pydantic validation errors into located, plain-language problems."""

from __future__ import annotations

from typing import Any

from spinout.errors import Problem
from spinout.yamlfile import Document


def data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Follow an error location through the data, dropping union tags pydantic inserts."""
    path: list[Any] = []
    current = data
    for part in loc:
        if _has(current, part):
            current = current[part]
            path.append(part)
    return tuple(path)


def _has(container: Any, part: Any) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def _model_keys(model: type) -> set[str]:
    return {f.alias or name for name, f in model.model_fields.items()}  # type: ignore[attr-defined]


def _all_models(root: type) -> list[type]:
    from pydantic import BaseModel

    module = __import__(root.__module__, fromlist=["*"])
    return [v for v in vars(module).values()
            if isinstance(v, type) and issubclass(v, BaseModel) and v.model_fields]


def _allowed_keys(parent: Any, root: type) -> list[str]:
    """The keys of the model that best matches the mapping holding an unknown key."""
    if not isinstance(parent, dict):
        return []
    keys = set(parent)
    best = max(_all_models(root), key=lambda m: (len(keys & _model_keys(m)),
                                                 -len(_model_keys(m))))
    return sorted(_model_keys(best))


def to_problems(exc: Any, doc: Document, root: type) -> list[Problem]:
    from spinout.ruleset.checks import did_you_mean

    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        path = data_path(doc.data, loc)
        kind = err["type"]
        message, hint = _describe(err)
        if kind == "extra_forbidden":
            key = loc[-1]
            parent = _get(doc.data, path[:-1])
            allowed = _allowed_keys(parent, root)
            message = f"unknown key `{key}`"
            hint = did_you_mean(str(key), allowed) if allowed else "remove it"
        elif kind == "missing":
            parent_path = path
            field = loc[-1]
            message = f"`{field}` is missing"
            hint = f"add `{field}:` here"
            path = parent_path
        problems.append(doc.problem(path, message, hint))
    return _dedupe(problems)


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _describe(err: dict[str, Any]) -> tuple[str, str]:
    kind = err["type"]
    msg = err["msg"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "value_error" or msg.startswith("Value error, "):
        text = msg.removeprefix("Value error, ")
        message, _, hint = text.partition(" — ")
        return message, hint or "fix the value"
    if kind == "literal_error":
        return (f"`{value}` is not allowed here",
                f"use one of {ctx.get('expected', '')}".replace("'", "`"))
    if kind == "string_pattern_mismatch":
        return (f"`{value}` is not a valid id",
                "use lower case letters, digits and underscores, starting with a letter")
    if kind in ("too_short", "too_long"):
        return (msg.replace("after validation, ", "").replace("Tuple", "this list")
                   .replace("List", "this list").replace("String", "this text"),
                "fill it in" if kind == "too_short" else "shorten it")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return f"`{value}` is out of range: {msg[0].lower()}{msg[1:]}", "change the number"
    if kind == "string_type" and isinstance(value, bool):
        return (f"this was read as `{str(value).lower()}`, not as text",
                "put it in quotes, e.g. \"No\" (YAML reads bare yes/no/on/off as true/false)")
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"`{_short(value)}` has the wrong type: {msg[0].lower()}{msg[1:]}", \
            "check the value's type (text, number, true/false, list or mapping)"
    if kind == "condition":
        return msg, "see rules/README.md for the condition keys"
    return msg, "fix the value"


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:39] + "…"


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[int | None, str]] = set()
    out = []
    for p in problems:
        key = (p.line, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
