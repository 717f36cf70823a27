"""Loading many answers files at once, for group reports over tens to thousands of respondents.

This is where spinout uses several processes and shows progress; the library packages it
calls (answers, engine, report) do neither.

Files are parsed with the safe, located loader (libyaml underneath) and checked like a single
file. Past :data:`POOL_THRESHOLD` files the work is spread over :data:`WORKERS` processes in
chunks, so only compact results cross between processes. Every file's errors are collected
and raised together, sorted by file, so one bad file among thousands is named with its line.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING, Any

from spinout.errors import AnswersError, Problem

if TYPE_CHECKING:
    from spinout.answers.validate import Checked
    from spinout.engine.group import GroupAssessment
    from spinout.engine.result import Assessment
    from spinout.ruleset.model import RuleSet

POOL_THRESHOLD = 200
WORKERS = 2
CHUNK = 250
SUFFIXES = (".yaml", ".yml")

_STATE: dict[str, Any] = {}


def expand(inputs: Iterable[Path]) -> list[Path]:
    """Answers files named directly, plus the ``*.yaml``/``*.yml`` files directly inside named
    folders (hidden files skipped), each folder's in name order. Raises AnswersError for a
    path that does not exist or a folder with no answers files."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in inputs:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES
                            and not p.name.startswith(".") and p.is_file())
            if not inside:
                problems.append(Problem(str(path), None, None, "no answers files (*.yaml) in "
                                        "this folder", "check the folder, or name files "
                                        "directly"))
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            problems.append(Problem(str(path), None, None, "no such file or folder",
                                    "check the path"))
    if problems:
        raise AnswersError(problems)
    return found


@dataclass(frozen=True)
class GroupLoad:
    """A group assessment straight from answers files, with every file's warnings."""

    group: GroupAssessment
    warnings: tuple[Problem, ...]


def load_many(paths: Sequence[Path], rs: RuleSet, progress: bool = True) -> list[Checked]:
    """Read and check every answers file, in the order given. Raises AnswersError with the
    errors of every bad file, sorted by file, line and column."""
    return [c for part in _run(paths, rs, progress, _Job("check")) for c, _ in part]


def assess_many(paths: Sequence[Path], rs: RuleSet, progress: bool = True,
                actions: int = 0) -> list[tuple[Checked, Assessment]]:
    """Read, check and assess every answers file, in the order given. With ``actions=0`` (the
    default) assessments are :func:`spinout.engine.group.essentials`, which is all aggregation
    needs. Raises AnswersError like :func:`load_many`."""
    return [pair for part in _run(paths, rs, progress, _Job("assess", actions)) for pair in part]


def group_many(paths: Sequence[Path], rs: RuleSet, progress: bool = True,
               include_comments: bool = False, staff_count: float | None = None) -> GroupLoad:
    """Read, check, assess and tally every answers file, then finish the group assessment:
    the same result as ``aggregate`` over :func:`assess_many`, but only the compact tallies
    travel between processes and stay in memory. Raises AnswersError like :func:`load_many`."""
    from spinout.engine.group import finish
    from spinout.engine.tally import Tally

    total = Tally(comments_wanted=include_comments)
    warnings: list[Problem] = []
    for tally, found in _run(paths, rs, progress, _Job("tally", 0, include_comments)):
        total.merge(tally)
        warnings.extend(found)
    return GroupLoad(finish(rs, total, include_comments, staff_count),
                     tuple(sorted(warnings, key=_order)))


@dataclass(frozen=True)
class _Job:
    """What workers do with each file: "check", "assess" (with ``actions``) or "tally"."""

    kind: str
    actions: int = 0
    comments: bool = False


def _run(paths: Sequence[Path], rs: RuleSet, progress: bool, job: _Job) -> list[Any]:
    """Each chunk's result, in order; raises AnswersError with every file's errors."""
    from spinout.progress import progress as bar

    names = [str(p) for p in paths]
    chunks = [names[i:i + CHUNK] for i in range(0, len(names), CHUNK)]
    results: list[Any] = []
    problems: list[Problem] = []
    verb = "Reading" if job.kind == "check" else "Assessing"
    with (_mapper(rs, job, len(names)) as mapper,
          bar(f"{verb} {len(names):,} answers files", len(names), progress) as tracker):
        for chunk, (result, errors) in zip(chunks, mapper(_work_chunk, chunks), strict=True):
            problems.extend(errors)
            results.append(result)
            tracker.advance(len(chunk))
    if problems:
        raise AnswersError(sorted(problems, key=_order))
    return results


def _order(p: Problem) -> tuple[str, int, int]:
    return (p.file, p.line or 0, p.col or 0)


class _mapper:  # noqa: N801 - used as a context manager function
    """In-process ``map`` for few files; a process pool's ordered ``imap`` for many."""

    def __init__(self, rs: RuleSet, job: _Job, count: int) -> None:
        self.args = (rs, job)
        self.pooled = count > POOL_THRESHOLD and WORKERS > 1 and (os.cpu_count() or 1) > 1
        self.pool: Any = None

    def __enter__(self) -> Callable[[Callable, list], Iterator]:
        if not self.pooled:
            _init(*self.args)
            return map
        import multiprocessing

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.pool = context.Pool(WORKERS, initializer=_init, initargs=self.args)
        return self.pool.imap

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            if exc[0] is None:
                self.pool.close()
            else:
                self.pool.terminate()
            self.pool.join()
        _STATE.clear()


def _init(rs: RuleSet, job: _Job) -> None:
    _STATE["rs"] = rs
    _STATE["job"] = job


def _work_chunk(names: list[str]) -> tuple[Any, list[Problem]]:
    """One chunk: (result, errors). The result is a list of (checked, assessment or None)
    for "check" and "assess", and (tally, warnings) for "tally"."""
    rs: RuleSet = _STATE["rs"]
    job: _Job = _STATE["job"]
    errors: list[Problem] = []
    if job.kind == "tally":
        from spinout.engine.tally import Tally

        tally = Tally(comments_wanted=job.comments)
        warnings: list[Problem] = []
        for name in names:
            checked, assessment = _work_one(name, rs, job, errors)
            if assessment is not None:
                tally.add(rs, checked.answers, assessment)
                warnings.extend(checked.warnings)
        return (tally, warnings), errors
    done = []
    for name in names:
        checked, assessment = _work_one(name, rs, job, errors)
        if checked is not None:
            done.append((_shared_strings(checked), assessment))
    return done, errors


def _work_one(name: str, rs: RuleSet, job: _Job,
              errors: list[Problem]) -> tuple[Any, Any]:
    from spinout.answers.store import read

    checked = read(Path(name), rs, name)
    if checked.errors:
        errors.extend(checked.errors)
        return None, None
    if job.kind == "check":
        return checked, None
    if job.actions == 0:
        from spinout.engine.group import for_group

        return checked, for_group(rs, checked.answers)
    from spinout.engine.assess import assess

    return checked, assess(rs, checked.answers.answers, actions=job.actions)


def _shared_strings(checked: Checked) -> Checked:
    """The same checked file with its repeated strings (question ids, fingerprints, option
    values, rule-set names) interned, so a chunk of results pickles each string once and
    thousands of results in memory share them."""
    f = checked.answers
    rules = replace(f.rules, name=intern(f.rules.name), version=intern(f.rules.version),
                    digest=intern(f.rules.digest),
                    questions={intern(k): intern(v) for k, v in f.rules.questions.items()})
    answers = {intern(k): intern(v) if isinstance(v, str) and len(v) <= 64 else v
               for k, v in f.answers.items()}
    role = f.respondent.role
    respondent = replace(f.respondent, role=intern(role) if role is not None else None)
    return replace(checked, answers=replace(f, rules=rules, answers=answers,
                                            respondent=respondent))
