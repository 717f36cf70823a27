"""`spinout import`: a survey export's rows turned into answers files.

The export is read by :mod:`spinout.answers.sheets` (CSV or .xlsx) and its columns mapped by
:mod:`spinout.answers.columns` (question ids, ``[id]`` tags, question texts, metadata, one
column per option). Cells take option values or labels (ignoring case and surrounding
spaces), yes/no/true/false/1/0 for yes/no questions, numbers as survey tools write them,
"don't know" (or ``dont_know``), and empty for not answered. A multi-choice cell may join its
options with ``;``, ``|``, ``,`` or spaces: it is read that way only when every part is an
option of the question, so a label holding a comma stays whole.

Every bad cell is reported as ``file:ROW:COL`` (ROW the line or sheet row, COL the 1-based
column). The platform's response id becomes the respondent id, its start and completion
times the answers' ``started`` and ``updated``.
"""

from __future__ import annotations

from collections import Counter

from spinout.answers import columns as cols
from spinout.answers.model import AnswersFile, fingerprint, new_answers
from spinout.answers.sheets import Sheet
from spinout.answers.times import day_first, iso
from spinout.errors import CsvImportError, Problem
from spinout.qtypes import DONT_KNOW_WORDS, AnswerProblem, Shape, answer_error, read_answer
from spinout.record import Record, field, replace
from spinout.ruleset.model import Question, RuleSet
from spinout.values import DONT_KNOW, AnswerValue, is_dont_know

MAX_ID_LENGTH = 64
BAD_ANSWER, REPEATED_ID, OTHER = "a bad answer", "a respondent id used twice", "a bad row"


class Row(Record):
    line: int
    answers: AnswersFile
    respondent_id: str | None


class Parsed(Record):
    """Good rows, every problem found, and why each bad row is bad."""

    rows: tuple[Row, ...]
    problems: tuple[Problem, ...]
    bad_rows: int
    layout: cols.Layout | None = None
    notes: tuple[str, ...] = ()
    reasons: Counter[str] = field(default_factory=Counter)
    header_ok: bool = True


def parse_export(sheet: Sheet, rs: RuleSet, ignore_unmatched: bool = False) -> Parsed:
    """Every data row turned into an answers file, with a problem for each bad cell; when
    the header cannot be mapped, only its problems (``header_ok`` false)."""
    records = [r for r in sheet.records]
    if not any(any(c.strip() for c in cells) for _, cells in records):
        raise CsvImportError(Problem(sheet.name, 1, None, "the file is empty",
                                     "export the survey with a header row"))
    lay = cols.layout(records, sheet.name, rs, ignore_unmatched)
    if lay.problems:
        return Parsed((), lay.problems, 0, lay, header_ok=False)
    data = [(line, cells) for line, cells in records[lay.header_rows:]
            if any(c.strip() for c in cells)]
    reader = _Reader(sheet.name, rs, lay, data)
    rows: list[Row] = []
    problems: list[Problem] = []
    reasons: Counter[str] = Counter()
    for line, cells in data:
        row, found = reader.row(line, cells)
        if found:
            problems.extend(p for p, _ in found)
            reasons[found[0][1]] += 1
        elif row is not None:
            rows.append(row)
    return Parsed(tuple(rows), tuple(problems), sum(reasons.values()), lay,
                  tuple(reader.notes), reasons)


Found = list[tuple[Problem, str]]


class _Reader:
    """Reads one data row at a time; remembers respondent ids seen and how dates are read."""

    def __init__(self, name: str, rs: RuleSet, lay: cols.Layout,
                 data: list[tuple[int, tuple[str, ...]]]) -> None:
        self.name, self.rs, self.lay = name, rs, lay
        self.seen_ids: dict[str, int] = {}
        self.notes: list[str] = []
        self.dayfirst: dict[int, bool] = {}
        for c in lay.used(cols.STARTED) + lay.used(cols.UPDATED):
            first, assumed = day_first(cells[c.index - 1] for _, cells in data
                                       if c.index <= len(cells))
            self.dayfirst[c.index] = first
            if assumed:
                self.notes.append(f"{name}: column `{c.header}`: dates read day first "
                                  "(nothing in the column tells day from month)")

    def row(self, line: int, cells: tuple[str, ...]) -> tuple[Row | None, Found]:
        found: Found = []
        width = len(self.lay.columns)
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            found.append((Problem(self.name, line, width + 1, f"row has {len(cells)} cells "
                                  f"but the header has {width} columns", "remove the extra "
                                  "cells or add a header for them"), OTHER))
        info: dict[str, str | None] = {"role": None, "id": None, "started": None,
                                       "updated": None}
        answers: dict[str, AnswerValue] = {}
        ticks: dict[str, tuple[cols.Column, list[AnswerValue]]] = {}
        for c in self.lay.columns:
            cell = cells[c.index - 1].strip() if c.index <= len(cells) else ""
            if cell:
                self._cell(line, c, cell, info, answers, ticks, found)
        for qid, (first, chosen) in ticks.items():
            q = self.rs.question(qid)
            value, trouble = _ticked_value(q, chosen)
            if trouble or value is None:
                message, hint = trouble or ("no answer", "tick an option")
                found.append((Problem(self.name, line, first.index, f"{message} in the "
                                      f"columns for `{qid}`", hint), BAD_ANSWER))
            else:
                answers[qid] = value
        if found:
            return None, found
        return Row(line, self._file(answers, info), info["id"]), []

    def _cell(self, line: int, c: cols.Column, cell: str, info: dict[str, str | None],
              answers: dict[str, AnswerValue],
              ticks: dict[str, tuple[cols.Column, list[AnswerValue]]], found: Found) -> None:
        where = (self.name, line, c.index)
        if c.kind == cols.ID:
            found.extend(self._respondent(where, c, cell))
            info["id"] = cell
        elif c.kind == cols.ROLE:
            info["role"] = role = _role(self.rs, cell)
            if role is None:
                found.append((Problem(*where, f"unknown role `{cell}` in column `{c.header}`",
                                      "use one of " + ", ".join(f"`{r.id}`" for r in
                                                                self.rs.roles)), OTHER))
        elif c.kind in (cols.STARTED, cols.UPDATED):
            info[c.kind] = when = iso(cell, self.dayfirst.get(c.index, True))
            if when is None:
                self.notes.append(str(Problem(*where, f"`{cell[:40]}` in column `{c.header}` "
                                              "is not a date and time read here",
                                              "the answers file is left undated")))
        elif c.kind == cols.QUESTION and c.question is not None:
            value, error = parse_cell(c.question, cell)
            if error:
                found.append((Problem(*where, f"{error[0]} in column `{c.header}`", error[1]),
                              BAD_ANSWER))
            else:
                answers[c.question.id] = value  # type: ignore[assignment]
        elif c.kind == cols.OPTION and c.question is not None:
            on = cols.ticked(cell)
            entry = ticks.setdefault(c.question.id, (c, []))
            if on:
                entry[1].append(c.option)  # type: ignore[arg-type]

    def _respondent(self, where: tuple[str, int, int], c: cols.Column, cell: str) -> Found:
        if len(cell) > MAX_ID_LENGTH:
            return [(Problem(*where, f"respondent id in column `{c.header}` is longer than "
                             f"{MAX_ID_LENGTH} characters", "shorten it"), OTHER)]
        if cell in self.seen_ids:
            return [(Problem(*where, f"respondent id `{cell}` is used twice (also on line "
                             f"{self.seen_ids[cell]})", "give each respondent their own id, "
                             "or remove the repeated response"), REPEATED_ID)]
        self.seen_ids[cell] = where[1]
        return []

    def _file(self, answers: dict[str, AnswerValue], info: dict[str, str | None]
              ) -> AnswersFile:
        rs = self.rs
        file = new_answers(rs, role=info["role"], respondent_id=info["id"])
        prints = {q.id: fingerprint(q) for q in rs.questions if q.id in answers}
        ordered = {q.id: answers[q.id] for q in rs.questions_in_order() if q.id in answers}
        return replace(file, answers=ordered, rules=replace(file.rules, questions=prints),
                       started=info["started"], updated=info["updated"])


def _role(rs: RuleSet, cell: str) -> str | None:
    word = cell.casefold()
    for r in rs.roles:
        if word in (r.id.casefold(), r.label.strip().casefold()):
            return r.id
    return None


def _ticked_value(q: Question, chosen: list[AnswerValue]
                  ) -> tuple[AnswerValue | None, tuple[str, str] | None]:
    if any(is_dont_know(v) for v in chosen):
        if len(chosen) > 1:
            return None, ("\"don't know\" is ticked with other options", "tick one or the "
                          "other")
        chosen_value: AnswerValue = DONT_KNOW
    else:
        chosen_value = chosen
    trouble = answer_error(q, chosen_value)
    return (None, trouble) if trouble else (chosen_value, None)


def parse_cell(q: Question, cell: str) -> tuple[AnswerValue | None, tuple[str, str] | None]:
    """(answer, None) for a good cell, or (None, (what is wrong, how to fix it))."""
    if q.kind.shape(q) == Shape.MULTI and cell.strip().casefold() not in DONT_KNOW_WORDS:
        chosen = split_options(q, cell)
        if chosen is not None:
            return _ticked_value(q, chosen)
    try:
        return read_answer(q, cell), None
    except AnswerProblem as problem:
        return None, problem.trouble


def split_options(q: Question, cell: str) -> list[AnswerValue] | None:
    """The options a multi-choice cell names, joined by ``;``, ``|``, ``,`` or spaces, or None
    when no way of splitting it makes every part an option."""
    text = cell.strip().rstrip(";").strip()
    whole = cols.option(q, text)
    if whole is not None:
        return [whole]
    for sep in (";", "|", ",", None):
        parts = [p.strip() for p in (text.split(sep) if sep else text.split())]
        if len(parts) > 1:
            found = _segment(q, parts, {",": ", ", None: " "}.get(sep, sep or " "))
            if found is not None:
                return found
    return None


def _segment(q: Question, parts: list[str], joiner: str) -> list[AnswerValue] | None:
    """Split ``parts`` into consecutive runs that each name an option (a label may itself
    hold the separator), or None."""
    best: list[list[AnswerValue] | None] = [[]] + [None] * len(parts)
    for end in range(1, len(parts) + 1):
        for start in range(end - 1, -1, -1):
            before = best[start]
            if before is None:
                continue
            if end == start + 1 and not parts[start]:
                best[end] = before
                break
            value = cols.option(q, joiner.join(parts[start:end]))
            if value is not None:
                best[end] = [*before, value]
                break
    return best[-1]
