"""Cross-reference checks over a joined rule set: ids, references, condition types, cycles,
coverage and ranges. Each check yields located problems; none stops at the first."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator
from typing import Any, Protocol

from spinout.errors import Problem
from spinout.qtypes import Shape
from spinout.ruleset.conditions import (
    AllCondition,
    AnswerCondition,
    AnyCondition,
    DimensionCondition,
    NotCondition,
    answer_refs,
    walk,
)
from spinout.ruleset.model import Question, RuleSet
from spinout.values import is_number, show


class Locator(Protocol):
    """Makes a located problem for the item ``index`` of list section ``kind``, at the node
    ``sub`` inside it (at its key when ``key`` is true)."""

    def __call__(self, kind: str, index: int, sub: tuple[Any, ...], message: str, hint: str,
                 key: bool = False) -> Problem: ...


KINDS = ("sources", "roles", "dimensions", "sections", "questions", "barriers", "stages",
         "legal_forms", "group_warnings")


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    listed = ", ".join(f"`{c}`" for c in list(choices)[:8])
    return f"use one of {listed}" + (" …" if len(choices) > 8 else "")


def check_all(rs: RuleSet, at: Locator) -> list[Problem]:
    problems: list[Problem] = []
    for check in (_unique_ids, _references, _conditions, _cycles, _order, _coverage,
                  _bands, _glossary, _facts, _direct_evidence, _used):
        problems.extend(check(rs, at))
    return problems


def _unique_ids(rs: RuleSet, at: Locator) -> Iterator[Problem]:
    items: list[tuple[str, int, tuple[Any, ...], str]] = [
        (kind, i, ("id",), item.id) for kind in KINDS
             for i, item in enumerate(getattr(rs, kind))]
    items += [("bands", 0, ("levels", j, "id"), band.id)
              for j, band in enumerate(rs.bands.levels)]
    counts = Counter(item_id for *_, item_id in items)
    found: dict[str, list[Problem]] = {}
    for kind, i, sub, item_id in items:
        if counts[item_id] > 1:
            found.setdefault(item_id, []).append(at(kind, i, sub, "", ""))
    for item_id, places in found.items():
        first, *others = sorted(places, key=lambda p: (p.file, p.line or 0, p.col or 0))
        for p in others:
            yield Problem(p.file, p.line, p.col,
                          f"id `{item_id}` is used twice (first at {first.file}:{first.line})",
                          "give each item its own id; ids are shared by every kind of item")


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
                             f"unknown dimension `{dim}`", did_you_mean(dim, dims), key=True)
        for dim in q.linear:
            if dim not in dims:
                yield at("questions", i, ("linear", dim), f"unknown dimension `{dim}`",
                         did_you_mean(dim, dims), key=True)
    for i, b in enumerate(rs.barriers):
        if b.dimension is not None and b.dimension not in dims:
            yield at("barriers", i, ("dimension",), f"unknown dimension `{b.dimension}`",
                     did_you_mean(b.dimension, dims))
    staff = rs.header.staff_count_question
    numbers = [q.id for q in rs.questions if q.kind.shape(q) is Shape.NUMBER]
    if staff is not None and staff not in numbers:
        yield at("ruleset", 0, ("staff_count_question",), f"`{staff}` is not a number question",
                 did_you_mean(staff, numbers))
    for kind in ("dimensions", "questions", "barriers", "stages", "legal_forms",
                 "group_warnings"):
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
                yield at(kind, i, (*where, leaf.test.rstrip("_")), message[0], message[1])


def condition_type_error(q: Question, leaf: AnswerCondition) -> tuple[str, str] | None:
    """Why a test does not fit the question's type, or None when it does."""
    test = leaf.test
    if test == "answered":
        return None
    if test in ("is_", "in_", "includes"):
        return _value_test_error(q, leaf, test)
    if not q.kind.numeric(q):
        return (f"`{test}` needs a number or numeric scale, and `{leaf.answer}` is {q.type}",
                "use `is`, `in` or `includes`")
    low, high = q.kind.bounds(q)
    bound = getattr(leaf, test)
    if (test == "at_least" and high is not None and bound > high) or (
            test == "at_most" and low is not None and bound < low):
        return (f"`{test}: {show(bound)}` can never hold: `{leaf.answer}` runs from "
                f"{show(low)} to {show(high)}", "use a number inside that range")
    return None


def _value_test_error(q: Question, leaf: AnswerCondition, test: str) -> tuple[str, str] | None:
    name = test.rstrip("_")
    several = q.kind.shape(q) is Shape.MULTI
    if test == "includes" and not several:
        return (f"`includes` is for multi questions, and `{leaf.answer}` is {q.type}",
                "use `is` or `in`")
    if test != "includes" and several:
        return (f"`{name}` cannot test a multi question (`{leaf.answer}`)",
                "use `includes` to test whether one option was chosen")
    allowed = q.kind.allowed_values(q)
    if allowed is None and q.kind.shape(q) is Shape.TEXT:
        return (f"`{leaf.answer}` is a text question; `{name}` cannot test its words",
                "use `answered` for text")
    wanted = leaf.in_ if test == "in_" else (getattr(leaf, test),)
    if not wanted:
        return "`in` needs at least one value", "list the values, e.g. `in: [a, b]`"
    for v in wanted:
        if allowed is not None and not any(type(v) is type(a) and v == a for a in allowed):
            shown = ", ".join(f"`{show(a)}`" for a in allowed)
            return f"`{show(v)}` is not an option of `{leaf.answer}`", f"use one of {shown}"
        if allowed is None:
            low, high = q.kind.bounds(q)
            if not is_number(v):
                return (f"`{show(v)}` is not a number, and `{leaf.answer}` is {q.type}",
                        "compare with a number, or use `at_least`/`at_most`")
            if (low is not None and v < low) or (high is not None and v > high):
                return (f"`{show(v)}` is outside the range of `{leaf.answer}` "
                        f"({show(low)} to {show(high)})", "use a number inside that range")
    return None


def _dependencies(rs: RuleSet) -> dict[str, list[str]]:
    """Each question's id -> the known questions its `when` reads, in order of mention."""
    known = {q.id for q in rs.questions}
    deps: dict[str, list[str]] = {}
    for q in rs.questions:
        refs = [leaf.answer for leaf, _ in walk(q.when) if isinstance(leaf, AnswerCondition)]
        deps[q.id] = [r for r in dict.fromkeys(refs) if r in known]
    return deps


def _cycles(rs: RuleSet, at: Locator) -> Iterator[Problem]:
    """Loops among question conditions, found by an iterative depth-first search."""
    deps = _dependencies(rs)
    index = {q.id: i for i, q in enumerate(rs.questions)}
    state: dict[str, int] = {}
    for root in deps:
        if root in state:
            continue
        trail = [root]
        todo = [iter(deps[root])]
        state[root] = 1
        while todo:
            dep = next(todo[-1], None)
            if dep is None:
                state[trail.pop()] = 2
                todo.pop()
            elif state.get(dep) == 1:
                loop = [*trail[trail.index(dep):], dep]
                yield at("questions", index[trail[-1]], ("when",),
                         "question conditions form a loop (each depends on the next): "
                         + _loop_text(loop),
                         "make one of these questions depend only on earlier ones")
            elif dep not in state:
                state[dep] = 1
                trail.append(dep)
                todo.append(iter(deps[dep]))


def _loop_text(loop: list[str], shown: int = 8) -> str:
    if len(loop) <= shown:
        return " → ".join(loop)
    half = shown // 2
    return (" → ".join([*loop[:half], "…", *loop[-half:]])
            + f" ({len(loop) - 1} questions)")


def _order(rs: RuleSet, at: Locator) -> Iterator[Problem]:
    """A question's `when` may only read questions asked before it."""
    deps = _dependencies(rs)
    index = {q.id: i for i, q in enumerate(rs.questions)}
    asked: set[str] = set()
    for q in rs.questions_in_order():
        for dep in deps[q.id]:
            if dep not in asked and dep != q.id:
                yield at("questions", index[q.id], ("when",),
                         f"`{q.id}` depends on `{dep}`, which is asked later",
                         f"move it after `{dep}`, or test an earlier question")
        asked.add(q.id)


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
            yield at("ruleset", 0, (), f"the rule set has no {kind.replace('_', ' ')}",
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
    caps: list[tuple[tuple[str, ...], str | None]] = [(("blocker_cap",), rs.bands.blocker_cap)]
    caps += [(("caps", severity), band) for severity, band in rs.bands.caps.items()]
    for sub, band in caps:
        if band is not None and band not in ids:
            yield at("bands", 0, sub, f"unknown band `{band}`", did_you_mean(band, ids))
    if rs.bands.blocker_cap is not None and "blocker" in rs.bands.caps:
        yield at("bands", 0, ("blocker_cap",), "the blocker cap is given twice, as "
                 "`blocker_cap` and in `caps`", "remove `blocker_cap` and keep "
                 "`caps: {blocker: ...}`")
    for i, b in enumerate(rs.barriers):
        if b.cap is not None and b.cap not in ids:
            yield at("barriers", i, ("cap",), f"unknown band `{b.cap}`", did_you_mean(b.cap, ids))


def _glossary(rs: RuleSet, at: Locator) -> Iterator[Problem]:
    """Glossary ids and terms are unique among glossary entries (ids may match other items')."""
    seen: set[tuple[str, str]] = set()
    for i, entry in enumerate(rs.glossary):
        for sub, key in (("id", entry.id), ("term", entry.term.casefold())):
            if (sub, key) in seen:
                yield at("glossary", i, (sub,), f"glossary {sub} `{key}` is given twice",
                         "explain each term once")
            seen.add((sub, key))


def _facts(rs: RuleSet, at: Locator) -> Iterator[Problem]:
    """Next best actions never propose changing a fact, and context is not scored."""
    for i, q in enumerate(rs.questions):
        if q.fact and q.action is not None:
            yield at("questions", i, ("action",),
                     f"`{q.id}` is a fact question, so it cannot have a next action (the group "
                     "cannot change the answer)",
                     "remove `action` and put advice on how to respond in a barrier, or drop "
                     "`fact: true`")
        if q.context and q.dimensions:
            yield at("questions", i, ("context",),
                     f"`{q.id}` is marked `context: true` but is scored",
                     "remove its `scores`, or remove `context: true`")


def _on_scores_alone(condition: object, dimensions: bool) -> bool:
    """The condition's value with every answer test false and every dimension test
    ``dimensions``."""
    if isinstance(condition, AllCondition):
        return all(_on_scores_alone(c, dimensions) for c in condition.all)
    if isinstance(condition, AnyCondition):
        return any(_on_scores_alone(c, dimensions) for c in condition.any)
    if isinstance(condition, NotCondition):
        return not _on_scores_alone(condition.not_, dimensions)
    return dimensions if isinstance(condition, DimensionCondition) else False


def _direct_evidence(rs: RuleSet, at: Locator) -> Iterator[Problem]:
    """A barrier is raised only by answers that speak to it, never by a score alone."""
    for i, b in enumerate(rs.barriers):
        if _on_scores_alone(b.when, True) and not _on_scores_alone(b.when, False):
            yield at("barriers", i, ("when",),
                     f"barrier `{b.id}` can be raised by a dimension score alone, with no "
                     "answer that speaks to it",
                     "test the answers it rests on, e.g. `all: [{answer: ...}, {dimension: "
                     "...}]`")


def _used(rs: RuleSet, at: Locator) -> Iterator[Problem]:
    """Every question counts: it is scored, read by a barrier, stage or legal form, gives the
    staff count, or is marked context."""
    read = {rs.header.staff_count_question}
    for kind, _, _, condition in conditions_of(rs):
        if kind != "questions":
            read.update(answer_refs(condition))
    for i, q in enumerate(rs.questions):
        if not (q.is_comment or q.context or q.dimensions or q.id in read):
            yield at("questions", i, ("id",),
                     f"`{q.id}` is asked but never used: no score, barrier, stage or legal "
                     "form reads it",
                     "give its options `scores`, test it in a barrier, or mark it "
                     "`context: true`")
