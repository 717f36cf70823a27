"""Cross-reference checks over a joined rule set: ids, references, condition types, cycles,
coverage and ranges. Each check yields located problems; none stops at the first."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from typing import Any

from spinout.errors import Problem
from spinout.ruleset.model import (
    AllCondition,
    AnswerCondition,
    AnyCondition,
    DimensionCondition,
    NotCondition,
    Question,
    RuleSet,
)

# locate(kind, index, subpath, message, hint) -> Problem
Locator = Callable[[str, int, tuple[Any, ...], str, str], Problem]
KINDS = ("sources", "roles", "dimensions", "sections", "questions", "barriers", "stages",
         "legal_forms")


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    listed = ", ".join(f"`{c}`" for c in list(choices)[:8])
    return f"use one of {listed}" + (" …" if len(choices) > 8 else "")


def walk(condition: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    """Every leaf test of a condition with its path inside the condition's YAML."""
    if isinstance(condition, AllCondition | AnyCondition):
        key = "all" if isinstance(condition, AllCondition) else "any"
        for i, child in enumerate(getattr(condition, key)):
            yield from walk(child, (*path, key, i))
    elif isinstance(condition, NotCondition):
        yield from walk(condition.not_, (*path, "not"))
    elif condition is not None:
        yield condition, path


def check_all(rs: RuleSet, at: Locator) -> list[Problem]:
    problems: list[Problem] = []
    for check in (_unique_ids, _references, _conditions, _cycles, _coverage, _bands):
        problems.extend(check(rs, at))
    return problems


def _unique_ids(rs: RuleSet, at: Locator) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for kind in KINDS:
        for i, item in enumerate(getattr(rs, kind)):
            if item.id in seen:
                yield at(kind, i, ("id",),
                         f"id `{item.id}` is used twice (also in {seen[item.id]})",
                         "give each item its own id")
            else:
                seen[item.id] = kind


def _references(rs: RuleSet, at: Locator) -> Iterator[Problem]:
    dims = [d.id for d in rs.dimensions]
    sections = [s.id for s in rs.sections]
    sources = [s.id for s in rs.sources]
    for i, q in enumerate(rs.questions):
        if q.section not in sections:
            yield at("questions", i, ("section",), f"unknown section `{q.section}`",
                     did_you_mean(q.section, sections))
        for j, option in enumerate(q.options):
            for dim in option.scores:
                if dim not in dims:
                    yield at("questions", i, ("options", j, "scores", dim),
                             f"unknown dimension `{dim}`", did_you_mean(dim, dims))
        for dim in q.linear:
            if dim not in dims:
                yield at("questions", i, ("linear", dim), f"unknown dimension `{dim}`",
                         did_you_mean(dim, dims))
    for i, b in enumerate(rs.barriers):
        if b.dimension is not None and b.dimension not in dims:
            yield at("barriers", i, ("dimension",), f"unknown dimension `{b.dimension}`",
                     did_you_mean(b.dimension, dims))
    for kind in ("dimensions", "questions", "barriers", "stages", "legal_forms"):
        for i, item in enumerate(getattr(rs, kind)):
            for j, c in enumerate(item.cite):
                if c.source not in sources:
                    yield at(kind, i, ("cite", j, "source"), f"unknown source `{c.source}`",
                             did_you_mean(c.source, sources))


def conditions_of(rs: RuleSet) -> Iterator[tuple[str, int, tuple[Any, ...], Any]]:
    """Every condition in the set: (kind, index, path to it, condition)."""
    for i, q in enumerate(rs.questions):
        if q.when is not None:
            yield "questions", i, ("when",), q.when
    for i, b in enumerate(rs.barriers):
        yield "barriers", i, ("when",), b.when
    for i, s in enumerate(rs.stages):
        for part in ("entry", "exit"):
            for j, crit in enumerate(getattr(s, part)):
                yield "stages", i, (part, j, "when"), crit.when
    for i, f in enumerate(rs.legal_forms):
        for j, rule in enumerate(f.fit):
            yield "legal_forms", i, ("fit", j, "when"), rule.when


def _conditions(rs: RuleSet, at: Locator) -> Iterator[Problem]:
    questions = {q.id: q for q in rs.questions}
    dims = [d.id for d in rs.dimensions]
    for kind, i, base, condition in conditions_of(rs):
        for leaf, path in walk(condition):
            where = (*base, *path)
            if isinstance(leaf, DimensionCondition):
                if kind == "questions":
                    yield at(kind, i, (*where, "dimension"),
                             "a question's `when` cannot test a dimension score",
                             "test answers to earlier questions instead")
                elif leaf.dimension not in dims:
                    yield at(kind, i, (*where, "dimension"),
                             f"unknown dimension `{leaf.dimension}`",
                             did_you_mean(leaf.dimension, dims))
                continue
            q = questions.get(leaf.answer)
            if q is None:
                yield at(kind, i, (*where, "answer"), f"unknown question `{leaf.answer}`",
                         did_you_mean(leaf.answer, list(questions)))
                continue
            message = condition_type_error(q, leaf)
            if message:
                yield at(kind, i, where, message[0], message[1])


def condition_type_error(q: Question, leaf: AnswerCondition) -> tuple[str, str] | None:
    """Why a test does not fit the question's type, or None when it does."""
    test = leaf.test
    if test == "answered":
        return None
    values = [o.value for o in q.options]
    shown = ", ".join(f"`{_show(v)}`" for v in values)
    if test in ("is_", "in_", "includes"):
        if q.type in ("text",) or (q.type in ("number", "scale") and not q.options):
            return (f"`{leaf.answer}` is a {q.type} question; `{test.rstrip('_')}` needs options",
                    "use `at_least`/`at_most` for numbers, or `answered` for text")
        if test == "includes" and q.type != "multi":
            return (f"`includes` is for multi questions, and `{leaf.answer}` is {q.type}",
                    "use `is` or `in`")
        wanted = leaf.in_ if test == "in_" else (getattr(leaf, test),)
        for v in wanted or ():
            if q.option(v) is None:
                return (f"`{_show(v)}` is not an option of `{leaf.answer}`",
                        f"use one of {shown}")
        return None
    numeric = q.type == "number" or (q.type == "scale" and (
        not q.options or all(isinstance(v, int) and not isinstance(v, bool) for v in values)))
    if not numeric:
        return (f"`{test}` needs a number or numeric scale, and `{leaf.answer}` is {q.type}",
                "use `is`, `in` or `includes`")
    return None


def _show(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _cycles(rs: RuleSet, at: Locator) -> Iterator[Problem]:
    deps = {
        q.id: [leaf.answer for leaf, _ in walk(q.when) if isinstance(leaf, AnswerCondition)]
        for q in rs.questions
    }
    index = {q.id: i for i, q in enumerate(rs.questions)}
    state: dict[str, int] = {}
    reported: set[str] = set()

    def visit(qid: str, trail: list[str]) -> Iterator[Problem]:
        state[qid] = 1
        for dep in deps.get(qid, []):
            if dep not in deps:
                continue
            if state.get(dep) == 1:
                loop = trail[trail.index(dep):] + [dep] if dep in trail else [qid, dep]
                if dep not in reported:
                    reported.add(dep)
                    yield at("questions", index[dep], ("when",),
                             "question conditions form a loop: " + " → ".join(loop),
                             "make one of these questions depend only on earlier ones")
            elif state.get(dep) is None:
                yield from visit(dep, [*trail, dep])
        state[qid] = 2

    for qid in deps:
        if state.get(qid) is None:
            yield from visit(qid, [qid])


def _coverage(rs: RuleSet, at: Locator) -> Iterator[Problem]:
    scored = {dim for q in rs.questions for dim in q.dimensions}
    for i, d in enumerate(rs.dimensions):
        if d.id not in scored:
            yield at("dimensions", i, ("id",), f"no question scores dimension `{d.id}`",
                     "add `scores` for it to some question's options, or remove the dimension")
    used = {q.section for q in rs.questions}
    for i, s in enumerate(rs.sections):
        if s.id not in used:
            yield at("sections", i, ("id",), f"section `{s.id}` has no questions",
                     "add questions to it or remove it")
    for kind, minimum in (("roles", 1), ("questions", 1), ("stages", 1), ("legal_forms", 1),
                          ("dimensions", 1), ("sources", 1)):
        if len(getattr(rs, kind)) < minimum:
            yield Problem("rules", None, None, f"the rule set has no {kind.replace('_', ' ')}",
                          f"add a `{kind}:` list to a file in the rules folder")


def _bands(rs: RuleSet, at: Locator) -> Iterator[Problem]:
    levels = rs.bands.levels
    if levels[0].min != 0:
        yield at("bands", 0, ("levels", 0, "min"), "the lowest band must start at 0",
                 "set its `min: 0`")
    for j in range(1, len(levels)):
        if levels[j].min <= levels[j - 1].min:
            yield at("bands", 0, ("levels", j, "min"),
                     f"band `{levels[j].id}` must start above `{levels[j - 1].id}`",
                     "list bands from lowest to highest with rising `min`")
    ids = [b.id for b in levels]
    if rs.bands.blocker_cap not in ids:
        yield at("bands", 0, ("blocker_cap",), f"unknown band `{rs.bands.blocker_cap}`",
                 did_you_mean(rs.bands.blocker_cap, ids))
