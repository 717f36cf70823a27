"""Loading many answers files at once, for group reports over tens to thousands of respondents.

This is where spinout uses several processes and shows progress; the library packages it
calls (answers, engine, report) do neither.

Files are parsed with the safe, located loader (libyaml underneath) and checked like a single
file. Past :data:`POOL_THRESHOLD` files the work is spread over :data:`WORKERS` processes in
chunks, so only compact results cross between processes. Every file's errors are collected
and raised together, sorted by file, so one bad file among thousands is named with its line.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING, Any

import msgspec

from spinout.errors import AnswersError, Problem
from spinout.record import Record, replace

if TYPE_CHECKING:
    from spinout.answers.model import AnswersFile
    from spinout.answers.validate import Checked
    from spinout.engine.group import GroupAssessment
    from spinout.engine.result import Assessment
    from spinout.engine.tally import Tally
    from spinout.ruleset.model import RuleSet

POOL_THRESHOLD = 200
WORKERS = 2
CHUNK = 100
SUFFIXES = (".yaml", ".yml")
_SORTED_JSON = msgspec.json.Encoder(order="sorted")

_STATE: dict[str, Any] = {}


def expand(inputs: Iterable[Path]) -> list[Path]:
    """Answers files named directly, plus the ``*.yaml``/``*.yml`` files directly inside named
    folders (hidden files skipped), each folder's in name order. A file reached twice (named
    again, in a folder named twice, or through a link) is kept once, where it first appears.
    Raises AnswersError for a path that does not exist or a folder with no answers files."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in _once(inputs):
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
    return list(_once(found))


def _once(paths: Iterable[Path]) -> Iterator[Path]:
    """Each path whose file (or folder) was not met before, by its identity on disk."""
    seen: set[object] = set()
    for path in paths:
        try:
            info = path.stat()
            identity: object = (info.st_dev, info.st_ino)
        except (OSError, ValueError):
            identity = ("missing", str(path))
        if identity not in seen:
            seen.add(identity)
            yield path


def identity(f: AnswersFile) -> tuple[str | None, str]:
    """What makes two answers files one respondent: the respondent id (when given) and a
    digest of the answers as JSON with sorted keys (typed: ``true``, ``1`` and ``1.0``
    differ). Only checked answers are compared, so every value is text, a finite number, a
    boolean or a list of them, which JSON tells apart."""
    return f.respondent.id, hashlib.sha256(_SORTED_JSON.encode(f.answers)).hexdigest()


def duplicates(found: Sequence[tuple[str, str | None, str]]) -> tuple[set[str], list[Problem]]:
    """Of (file name, respondent id, answers digest) in reading order: the names of files that
    repeat an earlier file's respondent id or answers, and a warning for each naming both."""
    by_id: dict[str, str] = {}
    by_answers: dict[str, str] = {}
    repeated: set[str] = set()
    warnings: list[Problem] = []
    for name, rid, digest in found:
        same_id = by_id.get(rid) if rid is not None else None
        earlier = same_id or by_answers.get(digest)
        if earlier is not None:
            what = f"respondent id `{rid}`" if same_id else "answers"
            repeated.add(name)
            warnings.append(Problem(name, None, None, f"the same {what} as {earlier}: counted "
                                    "once, as one respondent", "remove the repeated file"))
            continue
        if rid is not None:
            by_id[rid] = name
        by_answers.setdefault(digest, name)
    return repeated, warnings


class GroupLoad(Record):
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
    travel between processes and stay in memory. A file repeating an earlier one's respondent
    id or answers (see :func:`duplicates`) is counted once, with a warning; the files are then
    tallied again without the repeats. Raises AnswersError like :func:`load_many`."""
    from spinout.engine.group import finish

    total, warnings, seen = _tally(paths, rs, progress, include_comments)
    repeated, found = duplicates(seen)
    if repeated:
        kept = [p for p in paths if str(p) not in repeated]
        total, warnings, _ = _tally(kept, rs, progress, include_comments)
        warnings += found
    return GroupLoad(finish(rs, total, include_comments, staff_count),
                     tuple(sorted(warnings, key=_order)))


def _tally(paths: Sequence[Path], rs: RuleSet, progress: bool, include_comments: bool
           ) -> tuple[Tally, list[Problem], list[tuple[str, str | None, str]]]:
    from spinout.engine.tally import Tally

    total = Tally(comments_wanted=include_comments)
    warnings: list[Problem] = []
    seen: list[tuple[str, str | None, str]] = []
    for tally, found, identities in _run(paths, rs, progress,
                                         _Job("tally", 0, include_comments)):
        total.merge(tally)
        warnings.extend(found)
        seen.extend(identities)
    return total, warnings, seen


class _Job(Record):
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
        gc.enable()  # on for long work, here and in the workers (see spinout.__main__.run)
        gc.freeze()  # the rule set and all else alive now: shared, never collected (see _init)
        self.pool = context.Pool(WORKERS, initializer=_init, initargs=(*self.args, True))
        return self.pool.imap

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            if exc[0] is None:
                self.pool.close()
            else:
                self.pool.terminate()
            self.pool.join()
            gc.unfreeze()
        _STATE.clear()


WORKER_GC_THRESHOLD = 10_000  # new objects between collections of the youngest, in a worker


def _init(rs: RuleSet, job: _Job, worker: bool = False) -> None:
    """Set up a worker (or this process, for few files). A worker freezes what it starts with
    (the rule set, its index, the modules) out of the garbage collector: those objects live as
    long as the worker, and every full collection would otherwise walk them again; a forked
    worker also keeps sharing their pages with its parent. It also collects less often: each
    file makes thousands of short-lived objects (its YAML nodes), which reference counting
    frees, so collecting the youngest every 700 new objects is mostly wasted work. Together
    they save about a tenth of a file's cost."""
    _STATE["rs"] = rs
    _STATE["job"] = job
    if worker:
        gc.freeze()
        gc.set_threshold(WORKER_GC_THRESHOLD, 10, 10)


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
        identities = []
        for name in names:
            checked, assessment = _work_one(name, rs, job, errors)
            if assessment is not None:
                tally.add(rs, checked.answers, assessment)
                warnings.extend(checked.warnings)
                identities.append((name, *identity(checked.answers)))
        return (tally, warnings, identities), errors
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

        return checked, for_group(rs, checked.answers, checked.applicability)
    from spinout.engine.assess import assess

    return checked, assess(rs, checked.answers.answers, actions=job.actions,
                           app=checked.applicability)


def _shared_strings(checked: Checked) -> Checked:
    """The same checked file with its repeated strings (question ids, fingerprints, option
    values, rule-set names) interned, so a chunk of results pickles each string once and
    thousands of results in memory share them; without its applicability (the assessing is
    done), which would travel too."""
    f = checked.answers
    rules = replace(f.rules, name=intern(f.rules.name), version=intern(f.rules.version),
                    digest=intern(f.rules.digest),
                    questions={intern(k): intern(v) for k, v in f.rules.questions.items()})
    answers = {intern(k): intern(v) if isinstance(v, str) and len(v) <= 64 else v
               for k, v in f.answers.items()}
    role = f.respondent.role
    respondent = replace(f.respondent, role=intern(role) if role is not None else None)
    return replace(checked, answers=replace(f, rules=rules, answers=answers,
                                            respondent=respondent), applicability=None)
