"""`spinout import`: a survey tool's CSV export to one answers file per respondent.

The header row names the columns: question ids, ``role``, and ``respondent_id`` (or ``id``);
names are matched ignoring case and surrounding spaces. Cells take option values or labels
(ignoring case and surrounding spaces), yes/no/true/false/1/0 for yes/no questions, lists
separated by ``;`` or ``|`` for multi choice, numbers, "don't know" (or ``dont_know``), and
empty for not answered. Fields are separated by commas, semicolons or tabs (the one the
header row uses most), in UTF-8 with or without a byte order mark.

Every bad cell is reported as ``file:ROW:COL`` (ROW the CSV line number, COL the 1-based
column). Nothing is written when any row is bad, unless ``--skip-bad-rows`` is given.
Existing files are never overwritten: a run stops before writing if a file it would write
exists with other content (an identical file is left as it is, so re-running an import is
harmless).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from spinout.answers.model import AnswersFile, fingerprint, new_answers
from spinout.errors import CsvImportError, OutputError, Problem
from spinout.qtypes import AnswerProblem, read_answer
from spinout.ruleset.model import Question, RuleSet
from spinout.values import AnswerValue

MAX_CSV_BYTES = 50 * 1024 * 1024
MAX_ID_LENGTH = 64
DELIMITERS = (",", ";", "\t")
ROLE_COLUMNS = ("role",)
ID_COLUMNS = ("respondent_id", "id")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Column:
    index: int  # 1-based
    header: str
    kind: str  # "question", "role", "id" or "skip"
    question: Question | None = None


@dataclass(frozen=True)
class Row:
    line: int
    answers: AnswersFile
    respondent_id: str | None


@dataclass(frozen=True)
class Parsed:
    """Good rows, and every problem found (bad cells, or a bad header)."""

    rows: tuple[Row, ...]
    problems: tuple[Problem, ...]
    bad_rows: int


def read_csv(path: Path) -> tuple[str, str]:
    """(text, delimiter) of a CSV file within the size limit, decoded as UTF-8."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise CsvImportError(Problem(name, None, None, f"file is {size:,} bytes, over the "
                                        f"limit of {MAX_CSV_BYTES:,}", "split it into smaller "
                                        "files and import each"))
        raw = path.read_bytes()
    except OSError as exc:
        raise CsvImportError(Problem(name, None, None, f"cannot read the file "
                                     f"({exc.strerror or exc})", "check the path")) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise CsvImportError(Problem(name, line, col, f"byte 0x{raw[exc.start]:02x} is not "
                                     "valid UTF-8", "export the CSV as UTF-8")) from None
    if "\0" in text:
        line = text[:text.index("\0")].count("\n") + 1
        raise CsvImportError(Problem(name, line, None, "the file holds a NUL byte, so it is "
                                     "not a CSV text file", "export the survey as CSV"))
    return text, sniff_delimiter(text)


def sniff_delimiter(text: str) -> str:
    """The delimiter the header row uses most (a comma when it uses none)."""
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_csv(source: tuple[str, str], name: str, rs: RuleSet) -> Parsed:
    """Every row turned into an answers file, with a problem for each bad cell."""
    text, delimiter = source
    records = list(_records(text, delimiter, name))
    if not records:
        raise CsvImportError(Problem(name, 1, None, "the file is empty",
                                     "export the survey with a header row"))
    header_line, header = records[0]
    columns, problems = _columns(header, header_line, name, rs, records[1:])
    if problems:
        raise CsvImportError(problems)
    rows: list[Row] = []
    bad_rows = 0
    seen_ids: dict[str, int] = {}
    for line, cells in records[1:]:
        if not any(c.strip() for c in cells):
            continue
        row, found = _row(line, cells, columns, name, rs, seen_ids)
        if found:
            problems.extend(found)
            bad_rows += 1
        elif row is not None:
            rows.append(row)
    return Parsed(tuple(rows), tuple(problems), bad_rows)


def _records(text: str, delimiter: str, name: str) -> Any:
    """(line where the record starts, cells) for each CSV record."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise CsvImportError(Problem(name, reader.line_num or start, None,
                                     f"the CSV cannot be read: {exc}",
                                     "check the quotes on this line")) from None


def _columns(header: list[str], line: int, name: str, rs: RuleSet,
             rows: list[tuple[int, list[str]]]) -> tuple[list[Column], list[Problem]]:
    from spinout.ruleset.checks import did_you_mean

    ids = {q.id.lower(): q for q in rs.questions}
    known = [*ROLE_COLUMNS, *ID_COLUMNS, *(q.id for q in rs.questions)]
    columns: list[Column] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(header, 1):
        word = raw.strip().lower()
        where = (name, line, index)
        if not word:
            if any(index <= len(cells) and cells[index - 1].strip() for _, cells in rows):
                problems.append(Problem(*where, f"column {index} has no name but holds "
                                        "answers", "name it with a question id, or delete it"))
            columns.append(Column(index, raw, "skip"))
            continue
        kind = "role" if word in ROLE_COLUMNS else "id" if word in ID_COLUMNS else "question"
        canonical = kind if kind != "question" else word
        if canonical in seen:
            problems.append(Problem(*where, f"column `{raw.strip()}` repeats column "
                                    f"{seen[canonical]}", "keep one column per question"))
            continue
        seen[canonical] = index
        if kind == "question" and word not in ids:
            problems.append(Problem(*where, f"unknown column `{raw.strip()}`",
                                    did_you_mean(raw.strip(), known)))
            continue
        columns.append(Column(index, raw.strip(), kind, ids.get(word)))
    return columns, problems


def _row(line: int, cells: list[str], columns: list[Column], name: str, rs: RuleSet,
         seen_ids: dict[str, int]) -> tuple[Row | None, list[Problem]]:
    problems: list[Problem] = []
    if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns):]):
        extra = len(columns) + 1
        problems.append(Problem(name, line, extra, f"row has {len(cells)} cells but the header "
                                f"has {len(columns)} columns", "remove the extra cells or add "
                                "a header for them"))
    role: str | None = None
    respondent: str | None = None
    answers: dict[str, AnswerValue] = {}
    for column in columns:
        cell = cells[column.index - 1].strip() if column.index <= len(cells) else ""
        if not cell or column.kind == "skip":
            continue
        where = (name, line, column.index)
        if column.kind == "id":
            respondent = cell
            if len(cell) > MAX_ID_LENGTH:
                problems.append(Problem(*where, f"respondent id in column `{column.header}` "
                                        f"is longer than {MAX_ID_LENGTH} characters",
                                        "shorten it"))
            elif cell in seen_ids:
                problems.append(Problem(*where, f"respondent id `{cell}` is used twice (also "
                                        f"on line {seen_ids[cell]})", "give each respondent "
                                        "their own id"))
            else:
                seen_ids[cell] = line
            continue
        if column.kind == "role":
            role = _role(rs, cell)
            if role is None:
                problems.append(Problem(*where, f"unknown role `{cell}` in column "
                                        f"`{column.header}`", "use one of " + ", ".join(
                                            f"`{r.id}`" for r in rs.roles)))
            continue
        q = column.question
        assert q is not None
        value, error = parse_cell(q, cell)
        if error:
            problems.append(Problem(*where, f"{error[0]} in column `{column.header}`",
                                    error[1]))
        else:
            answers[q.id] = value  # type: ignore[assignment]
    if problems:
        return None, problems
    file = new_answers(rs, role=role, respondent_id=respondent)
    prints = {q.id: fingerprint(q) for q in rs.questions if q.id in answers}
    ordered = {q.id: answers[q.id] for q in rs.questions_in_order() if q.id in answers}
    file = replace(file, answers=ordered, rules=replace(file.rules, questions=prints))
    return Row(line, file, respondent), []


def _role(rs: RuleSet, cell: str) -> str | None:
    word = cell.casefold()
    for r in rs.roles:
        if word in (r.id.casefold(), r.label.strip().casefold()):
            return r.id
    return None


def parse_cell(q: Question, cell: str) -> tuple[AnswerValue | None, tuple[str, str] | None]:
    """(answer, None) for a good cell, or (None, (what is wrong, how to fix it))."""
    try:
        return read_answer(q, cell), None
    except AnswerProblem as problem:
        return None, problem.trouble


# --- writing -----------------------------------------------------------------------------------


def file_name(row: Row) -> str:
    """The answers file's name: the respondent id made safe for a file name (letters, digits,
    ``.``, ``_`` and ``-``; no leading dot), or ``row-LINE`` without one."""
    if row.respondent_id:
        safe = _SAFE_NAME.sub("_", row.respondent_id).lstrip(".")[:MAX_ID_LENGTH]
        if safe.strip("_"):
            return f"{safe}.yaml"
    return f"row-{row.line}.yaml"


def write_rows(rows: tuple[Row, ...], out_dir: Path,
               on_each: Callable[[], None] | None = None) -> tuple[int, int]:
    """Write every row's answers file; (files written, files already there and identical).
    Checks every target before writing any; ``on_each`` is called after each file."""
    from spinout.answers.store import dump, write_atomic

    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(Problem(str(out_dir), None, None, "this is a file, not a folder",
                                  "give a folder for the answers files"))
    planned: dict[str, tuple[Row, bytes]] = {}
    problems: list[Problem] = []
    for row in rows:
        name = file_name(row)
        if name in planned:
            name = f"{name[:-5]}-row-{row.line}.yaml"
        planned[name] = (row, dump(row.answers).encode("utf-8"))
    same = 0
    for name, (_, data) in planned.items():
        target = out_dir / name
        if target.exists():
            if target.is_file() and target.read_bytes() == data:
                same += 1
                continue
            problems.append(Problem(str(target), None, None, "already exists with other "
                                    "content; nothing was written", "import into an empty "
                                    "folder, or move the old files away"))
    if problems:
        raise OutputError(problems)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(Problem(str(out_dir), None, None, f"cannot create the folder "
                                  f"({exc.strerror})", "check the path and permissions")) from None
    written = 0
    for name, (_, data) in planned.items():
        target = out_dir / name
        if not target.exists():
            write_atomic(target, data)
            written += 1
        if on_each is not None:
            on_each()
    return written, same
