"""Where a command's output goes: choosing the format, refusing a dangerous path before any
work is done, and writing (to stdout, to a device or pipe as it is, or atomically to a file).
Every command that reads one file or writes a report, form or comparison uses these, so they
all behave alike: ``-`` is standard input or output, a name's suffix must name a format the
command writes, and an existing path that is not a regular file (``/dev/null``, a FIFO,
``/dev/stdout``, a shell's ``>(cmd)``) is written as it is, never read, renamed or replaced."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from spinout.bounded import read_bounded
from spinout.errors import OutputError, Problem, SpinoutError, UsageError

STDIO = "-"
STDIN_NAME = "<stdin>"
FORMAT_NAMES: Mapping[str, str] = {"md": "md", "markdown": "md", "html": "html", "htm": "html",
                                   "json": "json", "csv": "csv", "xlsx": "xlsx",
                                   "xlsform": "xlsx"}
SUFFIXES: Mapping[str, str] = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                               ".json": "json", ".csv": "csv", ".xlsx": "xlsx"}
MAX_SNIFF_BYTES = 1024 * 1024  # answers files are refused above this size, so larger is not one
_LIVE_FOLDERS = ("/dev/", "/proc/")


def is_stdio(path: Path | str | None) -> bool:
    """True for ``-``: standard output (or standard input, for a file read)."""
    return path is not None and str(path) == STDIO


def format_for(output: Path | None, fmt: str | None, allowed: Sequence[str]) -> str:
    """The output format: ``fmt`` when given, else from the output's suffix, else (standard
    output, a device or pipe) the first of ``allowed``. A file name whose suffix names no
    format this command writes is refused, the same way for every command."""
    if fmt is not None:
        chosen = FORMAT_NAMES.get(fmt.strip().lower())
        if chosen is None or chosen not in allowed:
            raise UsageError(Problem("--format", None, None, f"unknown format `{fmt}`",
                                     "use one of " + ", ".join(allowed)))
        return chosen
    if output is None or is_stdio(output):
        return allowed[0]
    suffix = Path(output).suffix.lower()
    by_suffix = SUFFIXES.get(suffix)
    if by_suffix is None and is_special(Path(output)):
        return allowed[0]
    if by_suffix is None or by_suffix not in allowed:
        raise UsageError(Problem(str(output), None, None, f"cannot tell the format from "
                                 f"`{suffix or 'no suffix'}`" if by_suffix is None else
                                 f"cannot write {by_suffix} here", "end the name in "
                                 + ", ".join(f".{a}" for a in allowed[:-1])
                                 + f" or .{allowed[-1]}, or give --format"))
    return by_suffix


def is_special(path: Path) -> bool:
    """True for an existing path that must be written as it is: neither a regular file nor a
    folder (a device, FIFO, socket, or a link to one), or a link into ``/dev`` or ``/proc``
    such as ``/dev/stdout`` or ``/dev/fd/3``, whose target is another process's open file."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return False
    if stat.S_ISDIR(info.st_mode):
        return False
    return not stat.S_ISREG(info.st_mode) or _through_live_folder(path)


def _through_live_folder(path: Path) -> bool:
    """True when ``path`` or a link it leads through lies in ``/dev`` or ``/proc``: there a
    regular file is another process's open file (``/dev/stdout`` redirected with ``>>``),
    which must be written through that file, never replaced."""
    here = os.path.abspath(path)
    for _ in range(40):
        if here.startswith(_LIVE_FOLDERS):
            return True
        if not os.path.islink(here):
            return False
        here = os.path.normpath(os.path.join(os.path.dirname(here), os.readlink(here)))
    return False


def check_output(output: Path | None, inputs: Sequence[Path]) -> None:
    """Refuse, before any work, an output that cannot be written or would destroy input:
    one of ``inputs`` (compared as resolved paths, so ``./a.yaml`` is ``a.yaml`` even before
    it exists), or any answers file."""
    if output is None or is_stdio(output):
        return
    output = Path(output)
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(Problem(str(output), None, None, f"the folder `{folder}` does not "
                                  "exist", "create it first, or write the report elsewhere"))
    if is_special(output):
        return
    if output.is_dir():
        raise OutputError(Problem(str(output), None, None, "this is a folder",
                                  "give a file name, e.g. `-o report.md`"))
    if _is_an_input(output, inputs):
        raise OutputError(Problem(str(output), None, None, "this is one of the answers files "
                                  "being read; writing here would destroy it",
                                  "choose another output name, e.g. `-o report.md`"))
    if looks_like_answers(output):
        raise OutputError(Problem(str(output), None, None, "this file looks like an answers file; "
                                  "writing here would destroy it",
                                  "choose another output name, e.g. `-o report.md`"))


def _is_an_input(output: Path, inputs: Sequence[Path]) -> bool:
    """True when ``output`` is one of ``inputs``: the same file (by device and inode, so links
    count), or, for an input not yet created, the same resolved path."""
    try:
        out_id: tuple[int, int] | None = _file_id(os.stat(output))
    except (OSError, ValueError):
        out_id = None
    resolved = None
    for path in inputs:
        if is_stdio(path):
            continue
        try:
            if _file_id(os.stat(path)) == out_id:
                return True
            continue
        except (OSError, ValueError):
            pass
        resolved = resolved or os.path.realpath(output)
        if os.path.realpath(path) == resolved:
            return True
    return False


def _file_id(info: os.stat_result) -> tuple[int, int]:
    return (info.st_dev, info.st_ino)


def looks_like_answers(path: Path) -> bool:
    """True when ``path`` is a regular file that reads as an answers file: YAML (read safely,
    within the answers files' size limit) whose top level holds ``format`` and ``answers``,
    however it is written (a byte-order mark, quoted keys, flow style, comments)."""
    from spinout.errors import YamlFileError
    from spinout.yamlfile import read_yaml

    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SNIFF_BYTES:
        return False
    try:
        data = read_yaml(Path(path), str(path), MAX_SNIFF_BYTES).data
    except YamlFileError:
        return False
    return isinstance(data, dict) and "format" in data and "answers" in data


def write_output(output: Path | None, text: str | bytes) -> None:
    """Print to stdout when no output (or ``-``) is given; write a device, pipe or link into
    ``/dev`` as it is; else replace the file atomically (through a symbolic link, so the link
    stays and its target gets the new text). Bytes (a workbook) are written as they are."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    if output is None or is_stdio(output):
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
        return
    from spinout.answers.store import write_atomic, write_in_place

    path = Path(output)
    if is_special(path):
        write_in_place(path, data)
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    write_atomic(path, data)


@contextlib.contextmanager
def input_file(path: Path, limit: int, suffix: str = "") -> Iterator[Path]:
    """``path`` itself, or for ``-`` a private temporary copy of standard input (at most
    ``limit + 1`` bytes, so the reader's own size check still refuses too much). Problems
    that name the copy name ``<stdin>`` instead."""
    if not is_stdio(path):
        yield Path(path)
        return
    import tempfile

    data = read_bounded(sys.stdin.buffer, limit)
    with tempfile.TemporaryDirectory(prefix="spinout-stdin-") as folder:
        copy = Path(folder) / f"stdin{suffix}"
        copy.write_bytes(data)
        try:
            yield copy
        except SpinoutError as exc:
            exc.problems[:] = [_renamed(p, str(copy)) for p in exc.problems]
            raise


def _renamed(problem: Problem, copy: str) -> Problem:
    return problem._replace(file=STDIN_NAME) if problem.file == copy else problem


def warn(messages: Sequence[object], limit: int = 20) -> None:
    """Print warnings on stderr, one line each, at most ``limit`` of them."""
    from spinout.textsafe import strip_controls

    for message in messages[:limit]:
        sys.stderr.write("warning: " + strip_controls(str(message)) + "\n")
    if len(messages) > limit:
        sys.stderr.write(f"… and {len(messages) - limit} more warnings.\n")
