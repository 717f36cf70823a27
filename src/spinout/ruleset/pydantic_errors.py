"""Turning pydantic validation errors into located, plain-language problems.

A pydantic error location mixes data keys with union tags (``answer``, ``bool``, …). The data
path is the longest run of location parts that exists in the parsed YAML, and the model that an
unknown key was found in is found by walking the same location through the model's types.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Union, get_args, get_origin

from spinout.errors import Problem
from spinout.yamlfile import Document

_EXPECTED = {
    "bool": "true or false",
    "int": "a whole number",
    "float": "a number",
    "string": "text",
    "dict": "a mapping (`key: value` lines)",
    "model": "a mapping (`key: value` lines)",
    "model_attributes": "a mapping (`key: value` lines)",
    "tuple": "a list (`- item` lines, or `[a, b]`)",
    "list": "a list (`- item` lines, or `[a, b]`)",
}
_TYPE_HINT = "check the value's type (text, number, true/false, list or mapping)"


def data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The longest run of ``loc``'s parts that can be followed through ``data``, skipping the
    union tags pydantic inserts (a tag may also be a key, e.g. ``answer``)."""
    memo: dict[tuple[int, int], tuple[Any, ...]] = {}

    def follow(current: Any, i: int) -> tuple[Any, ...]:
        key = (id(current), i)
        if key not in memo:
            if i == len(loc):
                memo[key] = ()
            else:
                best = follow(current, i + 1)
                if _has(current, loc[i]):
                    taken = (loc[i], *follow(current[loc[i]], i + 1))
                    if len(taken) > len(best):
                        best = taken
                memo[key] = best
        return memo[key]

    return follow(data, 0)


def _has(container: Any, part: Any) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and type(part) is int and 0 <= part < len(container)


def _expand(tp: Any, tag: str | None = None) -> list[tuple[Any, str | None]]:
    """The concrete types behind an annotation, each with the union tag it carries."""
    from pydantic import Tag

    origin = get_origin(tp)
    if origin is Annotated:
        inner, *meta = get_args(tp)
        tag = next((m.tag for m in meta if isinstance(m, Tag)), tag)
        return _expand(inner, tag)
    if origin is Union or origin is types.UnionType:
        return [x for arg in get_args(tp) for x in _expand(arg, tag)]
    return [(tp, tag)]


def _field_type(model: type, part: Any) -> Any:
    for name, info in model.model_fields.items():  # type: ignore[attr-defined]
        if part in (name, info.alias):
            return info.annotation
    return None


def _step(found: list[tuple[Any, str | None]], part: Any) -> list[tuple[Any, str | None]]:
    from pydantic import BaseModel

    tagged = [tp for tp, tag in found if isinstance(part, str) and tag == part]
    if tagged:
        return [x for tp in tagged for x in _expand(tp)]
    out: list[tuple[Any, str | None]] = []
    for tp, _ in found:
        origin = get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            annotation = _field_type(tp, part)
            if annotation is not None:
                out.extend(_expand(annotation))
        elif origin in (tuple, list) and type(part) is int:
            out.extend(_expand(get_args(tp)[0]))
        elif origin is dict:
            out.extend(_expand(get_args(tp)[1]))
    return out or found


def models_at(root: type, loc: tuple[Any, ...]) -> list[type]:
    """The models that may describe the value at ``loc`` (a pydantic error location)."""
    from pydantic import BaseModel

    found = _expand(root)
    for part in loc:
        found = _step(found, part)
    return [tp for tp, _ in found if isinstance(tp, type) and issubclass(tp, BaseModel)]


def _model_keys(model: type) -> set[str]:
    return {f.alias or name for name, f in model.model_fields.items()}  # type: ignore[attr-defined]


def _allowed_keys(parent: Any, loc: tuple[Any, ...], root: type) -> list[str]:
    """The keys allowed in the mapping at ``loc`` that holds an unknown key."""
    candidates = models_at(root, loc)
    if not candidates:
        return []
    keys = set(parent) if isinstance(parent, dict) else set()
    best = max(candidates, key=lambda m: len(keys & _model_keys(m)))
    return sorted(_model_keys(best))


def to_problems(exc: Any, doc: Document, root: type) -> list[Problem]:
    """One located problem per pydantic error (wrong-type errors of one union merged)."""
    problems = []
    for path, errors in _grouped(exc.errors(), doc.data):
        message, hint = _explain(errors, path, doc, root)
        on_key = errors[0]["type"] == "extra_forbidden"
        problems.append(doc.problem(path, message, hint, key=on_key))
    return _dedupe(problems)


def _grouped(errors: list[dict[str, Any]], data: Any) -> list[tuple[tuple, list[dict]]]:
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for err in errors:
        path = data_path(data, tuple(err["loc"]))
        groups.setdefault((path, _is_type_error(err)), []).append(err)
    out = []
    for (path, is_type), errs in groups.items():
        if is_type:
            out.append((path, errs))
        else:
            out.extend((path, [e]) for e in errs)
    return out


def _is_type_error(err: dict[str, Any]) -> bool:
    kind = err["type"]
    return kind.endswith(("_type", "_parsing")) and not (
        kind == "string_type" and isinstance(err.get("input"), bool))


def _explain(errors: list[dict[str, Any]], path: tuple[Any, ...], doc: Document,
             root: type) -> tuple[str, str]:
    from spinout.ruleset.checks import did_you_mean

    err = errors[0]
    loc = tuple(err["loc"])
    if len(errors) > 1 or _is_type_error(err):
        wanted = list(dict.fromkeys(_expected(e) for e in errors))
        shown = ", ".join(wanted[:-1]) + (" or " if len(wanted) > 1 else "") + wanted[-1]
        return f"`{_short(err.get('input'))}` should be {shown}", _TYPE_HINT
    if err["type"] == "extra_forbidden":
        parent = _get(doc.data, path[:-1]) if path and path[-1] == loc[-1] else None
        allowed = _allowed_keys(parent, loc[:-1], root)
        return (f"unknown key `{loc[-1]}`",
                did_you_mean(str(loc[-1]), allowed) if allowed else "remove it")
    if err["type"] == "missing":
        return f"`{loc[-1]}` is missing", f"add `{loc[-1]}:` here"
    return _describe(err)


def _expected(err: dict[str, Any]) -> str:
    kind = err["type"].removesuffix("_type").removesuffix("_parsing")
    return _EXPECTED.get(kind, err["msg"][0].lower() + err["msg"][1:])


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _describe(err: dict[str, Any]) -> tuple[str, str]:
    kind = err["type"]
    msg = err["msg"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind in ("value_error", "condition") or msg.startswith("Value error, "):
        text = msg.removeprefix("Value error, ")
        message, _, hint = text.partition(" — ")
        return message, hint or "fix the value"
    if kind == "literal_error":
        return (f"`{_short(value)}` is not allowed here",
                f"use one of {ctx.get('expected', '')}".replace("'", "`"))
    if kind == "string_pattern_mismatch":
        return (f"`{_short(value)}` is not a valid id",
                "use lower case letters, digits and underscores, starting with a letter")
    if kind in ("too_short", "too_long"):
        return (msg.replace("after validation, ", "").replace("Tuple", "this list")
                   .replace("List", "this list").replace("String", "this text"),
                "fill it in" if kind == "too_short" else "shorten it")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return f"`{_short(value)}` is out of range: {msg[0].lower()}{msg[1:]}", \
            "change the number"
    if kind == "string_type" and isinstance(value, bool):
        return (f"this was read as `{str(value).lower()}`, not as text",
                "put it in quotes, e.g. \"No\" (YAML reads bare yes/no/on/off as true/false)")
    return msg, "fix the value"


def _short(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
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
