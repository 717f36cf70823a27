"""Shell completion (bash, zsh, fish through typer): file names by suffix, folders, formats,
and the ids of the rule set's items and sources. Each completer is quiet on any failure, so a
broken rule set never breaks the shell.

Annotations here are evaluated when the module loads (no ``from __future__ import
annotations``): typer reads every completer's signature each time the command line is built,
and real annotations cost it nothing to read."""

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from spinout.ruleset.model import RuleSet

REPORT_SUFFIXES = (".md", ".markdown", ".html", ".htm", ".json", ".csv")
ANSWERS_SUFFIXES = (".yaml", ".yml")


def _entries(incomplete: str, suffixes: tuple[str, ...] | None) -> Iterator[str]:
    """Folders, and files ending in one of ``suffixes`` (any file when None), whose path
    starts with ``incomplete``; hidden ones only when asked for."""
    folder, sep, start = incomplete.rpartition("/")
    base = Path(folder or "/") if sep else Path(".")
    prefix = folder + sep
    try:
        names = sorted(os.listdir(base))
    except OSError:
        return
    for name in names:
        if not name.startswith(start) or (name.startswith(".") and not start.startswith(".")):
            continue
        if (base / name).is_dir():
            yield f"{prefix}{name}/"
        elif suffixes is None or name.lower().endswith(suffixes):
            yield prefix + name


def output_files(incomplete: str) -> list[str]:
    return list(_entries(incomplete, REPORT_SUFFIXES))


def answers_files(incomplete: str) -> list[str]:
    return list(_entries(incomplete, ANSWERS_SUFFIXES))


def answers_or_reports(incomplete: str) -> list[str]:
    return list(_entries(incomplete, (*ANSWERS_SUFFIXES, ".json")))


def csv_files(incomplete: str) -> list[str]:
    return list(_entries(incomplete, (".csv",)))


def folders(incomplete: str) -> list[str]:
    return list(_entries(incomplete, ()))


def formats(names: str) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [n for n in names.split("|") if n.startswith(incomplete)]

    return complete


def _rules(ctx: typer.Context) -> "RuleSet | None":
    """The rule set the command line names so far (``--rules``, ``SPINOUT_RULES``, else the
    bundled one), or None when it does not load."""
    from spinout.errors import SpinoutError
    from spinout.ruleset.loader import load_ruleset

    given = None
    for level in (ctx, ctx.parent):
        if level is not None and level.params.get("rules") is not None:
            given = level.params["rules"]
            break
    try:
        rs: RuleSet = load_ruleset(Path(given) if given else None, check_citations=False)
        return rs
    except (SpinoutError, OSError, ValueError):
        return None


def rule_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Every item's id with its kind, for `spinout rules show ID`."""
    from spinout.ruleset.index import KINDS

    rs = _rules(ctx)
    if rs is None:
        return []
    found: dict[str, str] = {}
    for kind in KINDS:
        for item in getattr(rs, kind):
            found.setdefault(item.id, kind.rstrip("s").replace("_", " "))
    for band in rs.bands.levels:
        found.setdefault(band.id, "band")
    return [(i, kind) for i, kind in sorted(found.items()) if i.startswith(incomplete)]


def source_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Every source's id with its title, for `spinout sources show ID`."""
    rs = _rules(ctx)
    if rs is None:
        return []
    return [(s.id, s.title) for s in rs.sources if s.id.startswith(incomplete)]
