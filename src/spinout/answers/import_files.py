"""Writing imported rows: one answers file per respondent, every row written or reported.

A file is named after the respondent id made safe (letters, digits, ``.``, ``_``, ``-``; no
leading dot; never a Windows device name such as ``CON`` or ``COM1``), or ``row-LINE``
without one. Names are compared case-folded, so two respondents never share a file on a
case-insensitive file system; a clash gets ``-row-LINE`` and, if need be, a number.

Before anything is written, every target is checked: a file that exists with other content
stops the run, and so does a respondent id already in the folder under another file name
(the same person imported twice). An identical file is left as it is, so re-running an
import changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from spinout.answers.csv_import import MAX_ID_LENGTH, Row
from spinout.errors import OutputError, Problem

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
RESERVED = frozenset({"con", "prn", "aux", "nul", "clock$", "conin$", "conout$",
                      *(f"com{i}" for i in "123456789¹²³"), *(f"lpt{i}" for i in "123456789¹²³")})
MAX_EXISTING = 20_000


def file_name(row: Row) -> str:
    """The answers file's name for a row (before any clash with another row is resolved)."""
    if row.respondent_id:
        safe = _SAFE_NAME.sub("_", row.respondent_id).lstrip(".")[:MAX_ID_LENGTH]
        if safe.strip("_."):
            stem, dot, rest = safe.partition(".")
            if stem.casefold() in RESERVED:
                safe = f"{stem}_{dot}{rest}"
            return f"{safe}.yaml"
    return f"row-{row.line}.yaml"


def plan(rows: Iterable[Row]) -> dict[str, Row]:
    """A distinct file name (case-folded) for every row, in row order."""
    planned: dict[str, Row] = {}
    taken: set[str] = set()
    for row in rows:
        name = file_name(row)
        if name.casefold() in taken:
            stem = name[:-5]
            name = f"{stem}-row-{row.line}.yaml"
            n = 2
            while name.casefold() in taken:
                name = f"{stem}-row-{row.line}-{n}.yaml"
                n += 1
        taken.add(name.casefold())
        planned[name] = row
    return planned


def existing_respondents(out_dir: Path) -> dict[str, str]:
    """Respondent id -> file name, for the answers files already in ``out_dir``."""
    from spinout.errors import YamlFileError
    from spinout.yamlfile import read_yaml

    found: dict[str, str] = {}
    if not out_dir.is_dir():
        return found
    for n, path in enumerate(sorted(out_dir.glob("*.yaml"))):
        if n >= MAX_EXISTING or not path.is_file():
            break
        try:
            doc = read_yaml(path, str(path), 1024 * 1024)
        except YamlFileError:
            continue
        data = doc.data
        respondent = data.get("respondent") if isinstance(data, dict) else None
        rid = respondent.get("id") if isinstance(respondent, dict) else None
        if isinstance(rid, str | int) and not isinstance(rid, bool):
            found.setdefault(str(rid), path.name)
    return found


def check_targets(planned: dict[str, tuple[Row, bytes]], out_dir: Path) -> int:
    """How many targets exist already with the same content; raises OutputError listing
    every target that exists with other content and every respondent already there."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(Problem(str(out_dir), None, None, "this is a file, not a folder",
                                  "give a folder for the answers files"))
    problems: list[Problem] = []
    same = 0
    there = existing_respondents(out_dir)
    lower = {p.name.casefold(): p.name for p in out_dir.iterdir()} if out_dir.is_dir() else {}
    for name, (row, data) in planned.items():
        target = out_dir / lower.get(name.casefold(), name)
        old = there.get(row.respondent_id or "")
        if old is not None and old.casefold() != name.casefold():
            problems.append(Problem(str(out_dir / old), None, None, f"respondent "
                                    f"`{row.respondent_id}` (line {row.line}) is already in "
                                    "the folder in this file; nothing was written",
                                    "import into an empty folder, or remove one of the two"))
        elif target.exists():
            if target.is_file() and target.read_bytes() == data:
                same += 1
                continue
            problems.append(Problem(str(target), None, None, "already exists with other "
                                    "content; nothing was written", "import into an empty "
                                    "folder, or move the old files away"))
    if problems:
        raise OutputError(problems)
    return same


def write_rows(rows: tuple[Row, ...], out_dir: Path,
               on_each: Callable[[], None] | None = None) -> tuple[int, int]:
    """Write every row's answers file; (files written, files already there and identical).
    Checks every target before writing any; ``on_each`` is called after each file."""
    from spinout.answers.store import dump, write_atomic

    planned = {name: (row, dump(row.answers).encode("utf-8"))
               for name, row in plan(rows).items()}
    same = check_targets(planned, out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(Problem(str(out_dir), None, None, f"cannot create the folder "
                                  f"({exc.strerror})", "check the path and permissions")) from None
    present = {p.name.casefold() for p in out_dir.iterdir()}
    written = 0
    for name, (_, data) in planned.items():
        if name.casefold() not in present:
            write_atomic(out_dir / name, data)
            written += 1
        if on_each is not None:
            on_each()
    return written, same
