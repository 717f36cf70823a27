"""Cross-reference checks over a joined rule set: ids, references, condition types, cycles,
coverage and ranges. Each check yields located problems; none stops at the first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from spinout.errors import Problem
from spinout.qtypes import Shape
from spinout.ruleset.condition_checks import (
    check_conditions,
    check_cycles,
    check_direct_evidence,
    check_order,
    condition_type_error,
    conditions_of,
)
from spinout.ruleset.conditions import answer_refs
from spinout.ruleset.locator import Locator, did_you_mean
from spinout.ruleset.model import RuleSet

__all__ = ["KINDS", "Locator", "check_all", "condition_type_error", "conditions_of",
           "did_you_mean"]


KINDS = ("sources", "roles", "dimensions", "sections", "questions", "barriers", "stages",
         "legal_forms", "group_warnings")


def check_all(rs: RuleSet, at: Locator) -> list[Problem]:
    problems: list[Problem] = []
    for check in (_unique_ids, _references, check_conditions, check_cycles, check_order,
                  _coverage, _bands, _glossary, _facts, check_direct_evidence, _used):
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
