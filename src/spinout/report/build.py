"""Choosing the format, guarding the output path, rendering and writing a report."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spinout.errors import OutputError, Problem, UsageError

FORMATS = ("md", "html", "json")
_ALIASES = {"md": "md", "markdown": "md", "html": "html", "htm": "html", "json": "json"}
_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}
_ANSWERS_KEYS = (re.compile(rb"^format\s*:", re.MULTILINE), re.compile(rb"^answers\s*:",
                                                                        re.MULTILINE))
_SNIFF_BYTES = 1024 * 1024


def format_for(output: Path | None, fmt: str | None, allowed: Sequence[str] = FORMATS) -> str:
    """The output format: ``fmt`` when given, else from the output's suffix, else Markdown."""
    if fmt is not None:
        chosen = _ALIASES.get(fmt.strip().lower())
        if chosen not in allowed:
            raise UsageError(Problem("--format", None, None, f"unknown format `{fmt}`",
                                     "use one of " + ", ".join(allowed)))
        return chosen
    if output is not None:
        by_suffix = _SUFFIXES.get(Path(output).suffix.lower())
        if by_suffix is not None:
            if by_suffix not in allowed:
                raise UsageError(Problem(str(output), None, None, f"cannot write {by_suffix} "
                                         "here", "use a file ending in " +
                                         ", ".join(f".{a}" for a in allowed)))
            return by_suffix
    return "md"


def check_output(output: Path | None, inputs: Sequence[Path]) -> None:
    """Refuse, before any work, an output that cannot be written or would destroy input."""
    if output is None:
        return
    output = Path(output)
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(Problem(str(output), None, None, f"the folder `{folder}` does not "
                                  "exist", "create it first, or write the report elsewhere"))
    if output.is_dir():
        raise OutputError(Problem(str(output), None, None, "this is a folder",
                                  "give a file name, e.g. `-o report.md`"))
    if not output.exists():
        return
    if any(_same(output, Path(p)) for p in inputs):
        raise OutputError(Problem(str(output), None, None, "this is one of the answers files "
                                  "being reported on; writing here would destroy it",
                                  "choose another output name, e.g. `-o report.md`"))
    if looks_like_answers(output):
        raise OutputError(Problem(str(output), None, None, "this file looks like an answers "
                                  "file; writing here would destroy it",
                                  "choose another output name, e.g. `-o report.md`"))


def _same(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def looks_like_answers(path: Path) -> bool:
    """True when the file starts like an answers file: top-level `format:` and `answers:`."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    return all(key.search(head) for key in _ANSWERS_KEYS)


def render_report(rs: Any, answers: Sequence[Any], fmt: str,
                  include_comments: bool = False) -> str:
    """One answers file gives an individual report; several give a group report."""
    if not answers:
        raise UsageError("no answers to report on — give an answers file or a folder of them")
    if len(answers) == 1:
        from spinout.report.individual import individual_report

        report = individual_report(rs, answers[0])
    else:
        from spinout.report.group_report import group_report

        report = group_report(rs, answers, include_comments)
    return render(report, fmt)


def render(report: Any, fmt: str) -> str:
    """Lay a built report out in one of the formats."""
    if fmt == "html":
        from spinout.report import html as renderer
    elif fmt == "json":
        from spinout.report import json_report as renderer  # type: ignore[no-redef]
    elif fmt == "md":
        from spinout.report import markdown as renderer  # type: ignore[no-redef]
    else:
        raise UsageError(Problem("--format", None, None, f"unknown format `{fmt}`",
                                 "use one of " + ", ".join(FORMATS)))
    return renderer.render(report)


def write_output(output: Path | None, text: str) -> None:
    """Print to stdout when no output is given, else replace the file atomically."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from spinout.answers.store import write_atomic

    write_atomic(Path(output), text.encode("utf-8"))
