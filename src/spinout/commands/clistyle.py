"""How every command presents itself: help with examples kept on their own lines (click's
``\\b`` paragraphs), plain metavars (``CSV``, not ``{CSV}`` or ``CSV <path>``), and flags that
default to off, so that reading ``--help`` or an unused flag never needs typer's value checks
(which, in recent typer, load pydantic)."""

from __future__ import annotations

import re
from typing import Any

import typer.core

_REQUIRED = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


def _plain(params: list[Any]) -> list[Any]:
    for param in params:
        if getattr(param, "is_flag", False) and param.default is None:
            param.default = False
        if param.param_type_name == "argument" and hasattr(param, "display_type_rich"):
            param.display_type_rich = lambda ctx: None
    return params


def _tidy(text: str) -> str:
    head, sep, rest = text.partition("\n")
    return _REQUIRED.sub(r"\1", head) + sep + rest


class _Plain:
    """Mixed into typer's command and group classes; ``ctx`` is click's Context (typer's own
    copy of click in recent typer, click itself before)."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain(super().get_params(ctx))  # type: ignore[misc]

    def get_help(self, ctx: Any) -> str:
        return _tidy(super().get_help(ctx))  # type: ignore[misc]

    def get_usage(self, ctx: Any) -> str:
        return _tidy(super().get_usage(ctx))  # type: ignore[misc]


class Command(_Plain, typer.core.TyperCommand):
    """A command with plain help (see the module's description)."""


class Group(_Plain, typer.core.TyperGroup):
    """A group of commands with plain help (see the module's description)."""
