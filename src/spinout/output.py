"""Where a command's output goes: choosing the format, refusing a dangerous path before any
work is done, and writing (to stdout, or atomically to a file). Every command that writes a
report, form or comparison uses these, so they all behave alike."""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from spinout.errors import OutputError, Problem, UsageError

FORMAT_NAMES: Mapping[str, str] = {"md": "md", "markdown": "md", "html": "html", "htm": "html",
                                   "json": "json", "csv": "csv", "xlsx": "xlsx",
                                   "xlsform": "xlsx"}
SUFFIXES: Mapping[str, str] = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                               ".json": "json", ".csv": "csv", ".xlsx": "xlsx"}
_ANSWERS_KEYS = (re.compile(rb"^format\s*:", re.MULTILINE), re.compile(rb"^answers\s*:",
                                                                        re.MULTILINE))
_SNIFF_BYTES = 1024 * 1024


def format_for(output: Path | None, fmt: str | None, allowed: Sequence[str],
               strict_suffix: bool = False) -> str:
    """The output format: ``fmt`` when given, else from the output's suffix, else the first
    of ``allowed``. With ``strict_suffix``, a suffix that names no format is refused."""
    if fmt is not None:
        chosen = FORMAT_NAMES.get(fmt.strip().lower(), "")
        if chosen not in allowed:
            raise UsageError(Problem("--format", None, None, f"unknown format `{fmt}`",
                                     "use one of " + ", ".join(allowed)))
        return chosen
    if output is None:
        return allowed[0]
    suffix = Path(output).suffix.lower()
    by_suffix = SUFFIXES.get(suffix)
    if strict_suffix and by_suffix not in allowed:
        raise UsageError(Problem(str(output), None, None, f"cannot tell the format from "
                                 f"`{suffix or 'no suffix'}`", "end the name in "
                                 + ", ".join(f".{a}" for a in allowed[:-1])
                                 + f" or .{allowed[-1]}, or give --format"))
    if by_suffix is None:
        return allowed[0]
    if by_suffix not in allowed:
        raise UsageError(Problem(str(output), None, None, f"cannot write {by_suffix} here",
                                 "use a file ending in " + ", ".join(f".{a}" for a in allowed)))
    return by_suffix


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


def write_output(output: Path | None, text: str | bytes) -> None:
    """Print to stdout when no output is given, else replace the file atomically. Bytes
    (a workbook) are written as they are."""
    if output is None:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
        return
    from spinout.answers.store import write_atomic

    write_atomic(Path(output), text if isinstance(text, bytes) else text.encode("utf-8"))


def warn(messages: Sequence[object], limit: int = 20) -> None:
    """Print warnings on stderr, one line each, at most ``limit`` of them."""
    from spinout.textsafe import strip_controls

    for message in messages[:limit]:
        sys.stderr.write("warning: " + strip_controls(str(message)) + "\n")
    if len(messages) > limit:
        sys.stderr.write(f"… and {len(messages) - limit} more warnings.\n")
