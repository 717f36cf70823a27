"""What a rule set knows about itself, worked out once: items by id, the questionnaire order,
which questions score which dimensions, which questions other questions depend on, which
barriers read a question, and what each option is worth.

Built on first use by :attr:`spinout.ruleset.model.RuleSet.index`; everything here is frozen.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from spinout.record import Record
from spinout.ruleset.conditions import DimensionCondition, answer_refs, walk
from spinout.ruleset.conditions.compiled import Holds, Maybe, compile_holds, compile_maybe

if TYPE_CHECKING:
    from spinout.qtypes.base import Shape
    from spinout.ruleset.guidance import FitRule
    from spinout.ruleset.model import Barrier, Question, RuleSet
    from spinout.values import AnswerValue

Criteria = tuple[Maybe, ...]


class Compiled(Record):
    """Every condition of the rules compiled once (see
    :mod:`spinout.ruleset.conditions.compiled`), beside what it belongs to: ``questions`` in
    questionnaire order and ``barriers`` in rule order with both readings of their ``when``
    (a question without one has None for both: it is always asked);
    ``fits`` each legal form's fit rules with their reading, forms in rule order; ``criteria``
    each stage's (entry, exit, reached) criteria's three-valued readings, stages in order."""

    questions: tuple[tuple[Question, Holds | None, Maybe | None], ...]
    barriers: tuple[tuple[Barrier, Holds, Maybe], ...]
    fits: tuple[tuple[tuple[FitRule, Holds], ...], ...]
    criteria: tuple[tuple[Criteria, Criteria, Criteria], ...]

    @classmethod
    def build(cls, rs: RuleSet, ordered: tuple[Question, ...]) -> Compiled:
        def readings(when: object) -> tuple[Holds, Maybe]:
            return compile_holds(when), compile_maybe(when)

        def three(criteria: tuple[Any, ...]) -> Criteria:
            return tuple(compile_maybe(c.when) for c in criteria)

        return cls(
            questions=tuple((q, *readings(q.when)) if q.when is not None else (q, None, None)
                            for q in ordered),
            barriers=tuple((b, *readings(b.when)) for b in rs.barriers),
            fits=tuple(tuple((r, compile_holds(r.when)) for r in f.fit)
                       for f in rs.legal_forms),
            criteria=tuple((three(s.entry), three(s.exit), three(s.reached))
                           for s in rs.stages),
        )


KINDS = ("sources", "roles", "dimensions", "sections", "questions", "barriers", "stages",
         "legal_forms", "group_warnings")


class RuleIndex(Record):
    """``by_kind[kind][id]`` is the item of that kind (``bands`` included); ``ordered`` the
    questions section by section (sections in declared order, file order within);
    ``rank`` each question's place in it; ``dims_of`` the dimensions each question scores;
    ``scored_by`` the questions scoring each dimension, in order; ``gates`` the questions
    whose answers some question's ``when`` reads; ``option_worth`` each option's points
    weighted by the dimensions' weights, for questions answered with one option;
    ``point_range`` the fewest and most points any answer to a question gives each
    dimension it scores; ``form_reads`` the questions legal forms' fit rules read;
    ``band_level`` each band's place (0 the lowest) and ``cap_level`` the place of the band
    each barrier caps at (barriers that cap nothing left out); ``dependents`` the later
    questions whose ``when`` reads a question's answer, in order; ``answer_readers`` the
    barriers whose condition reads a question's answer; ``dimension_tests`` each barrier
    test on a dimension as (threshold, barrier id), by threshold: a test's outcome changes
    only when the score crosses its threshold. ``point_rows`` are, for each dimension, its
    questions in order as (id, weight, fewest points, most points); ``points_tables`` the
    questions' points tables (see :meth:`~spinout.qtypes.base.QuestionType.points_table`),
    for the questions that score; ``comments`` the free-text questions;
    ``listed_answers`` every answer each question takes, "don't know" included where it is
    allowed, as (type, value), where they can be listed (see
    :meth:`~spinout.qtypes.base.QuestionType.listed_answers`); ``compiled`` every condition,
    compiled."""

    by_kind: Mapping[str, Mapping[str, Any]]
    ordered: tuple[Question, ...]
    rank: Mapping[str, int]
    dims_of: Mapping[str, tuple[str, ...]]
    scored_by: Mapping[str, tuple[Question, ...]]
    gates: frozenset[str]
    dimension_weights: Mapping[str, float]
    option_worth: Mapping[str, tuple[tuple[AnswerValue, float], ...]]
    shapes: Mapping[str, Shape]
    senior_roles: frozenset[str]
    point_range: Mapping[str, Mapping[str, tuple[float, float]]]
    form_reads: frozenset[str]
    band_level: Mapping[str, int]
    cap_level: Mapping[str, int]
    dependents: Mapping[str, tuple[str, ...]]
    answer_readers: Mapping[str, tuple[Barrier, ...]]
    dimension_tests: Mapping[str, tuple[tuple[float, str], ...]]
    point_rows: Mapping[str, tuple[tuple[str, float, float, float], ...]]
    points_tables: Mapping[str, Mapping[tuple[type, object], Mapping[str, float]] | None]
    comments: frozenset[str]
    listed_answers: Mapping[str, frozenset[tuple[type, AnswerValue]] | None]
    compiled: Compiled

    @classmethod
    def build(cls, rs: RuleSet) -> RuleIndex:
        by_kind = {kind: _frozen({item.id: item for item in getattr(rs, kind)})
                   for kind in KINDS}
        by_kind["bands"] = _frozen({b.id: b for b in rs.bands.levels})
        ordered = _ordered(rs)
        levels = {b.id: i for i, b in enumerate(rs.bands.levels)}
        dims_of = {q.id: q.dimensions for q in rs.questions}
        weights = {d.id: d.weight for d in rs.dimensions}
        answer_readers, tests = _answer_readers(rs), _dimension_tests(rs)
        ranges = {q.id: point_range(q, dims_of[q.id]) for q in rs.questions}
        return cls(
            by_kind=_frozen(by_kind),
            ordered=ordered,
            rank=_frozen({q.id: i for i, q in enumerate(ordered)}),
            dims_of=_frozen(dims_of),
            scored_by=_frozen({d.id: tuple(q for q in ordered if d.id in dims_of[q.id])
                               for d in rs.dimensions}),
            gates=frozenset(ref for q in rs.questions for ref in answer_refs(q.when)),
            dimension_weights=_frozen(weights),
            option_worth=_frozen({q.id: tuple((o.value, worth(q, o.value, dims_of[q.id],
                                                                weights))
                                              for o in q.options)
                                  for q in rs.questions}),
            shapes=_frozen({q.id: q.kind.shape(q) for q in rs.questions}),
            senior_roles=frozenset(r.id for r in rs.roles if r.senior),
            point_range=_frozen({qid: _frozen(found) for qid, found in ranges.items()}),
            form_reads=frozenset(q for form in rs.legal_forms for rule in form.fit
                                 for q in answer_refs(rule.when)),
            band_level=_frozen(levels),
            cap_level=_frozen(_cap_levels(rs, levels)),
            dependents=_frozen(_dependents(ordered)),
            answer_readers=_frozen(answer_readers),
            dimension_tests=_frozen(tests),
            point_rows=_frozen(_point_rows(rs, ordered, dims_of, ranges)),
            points_tables=_frozen({q.id: q.kind.points_table(q, dims_of[q.id])
                                   for q in rs.questions if dims_of[q.id]}),
            comments=frozenset(q.id for q in rs.questions if q.is_comment),
            listed_answers=_frozen({q.id: _listed(q) for q in rs.questions}),
            compiled=Compiled.build(rs, ordered),
        )


def worth(q: Question, value: AnswerValue, dims: tuple[str, ...],
          weights: Mapping[str, float]) -> float:
    """The answer's points weighted by the dimensions' weights."""
    return sum(weights.get(d, 0.0) * p for d, p in q.kind.points(q, value, dims).items())


def point_range(q: Question, dims: tuple[str, ...]) -> dict[str, tuple[float, float]]:
    """The fewest and most points an answer to ``q`` gives each dimension in ``dims``: over
    its options (for several choices, also none and all of them), or the two ends of its
    range."""
    from spinout.qtypes import Shape

    values: list[Any] = [v for v, _ in q.kind.choices(q)]
    if q.kind.shape(q) is Shape.MULTI:
        values = [[], list(values), *([v] for v in values)]
    elif not values:
        values = [b for b in q.kind.bounds(q) if b is not None]
    found: dict[str, tuple[float, float]] = {}
    for value in values:
        points = q.kind.points(q, value, dims)
        for d in dims:
            p = points.get(d, 0.0)
            low, high = found.get(d, (p, p))
            found[d] = (min(low, p), max(high, p))
    return found


def _point_rows(rs: RuleSet, ordered: tuple[Question, ...],
                dims_of: Mapping[str, tuple[str, ...]],
                ranges: Mapping[str, Mapping[str, tuple[float, float]]]
                ) -> dict[str, tuple[tuple[str, float, float, float], ...]]:
    return {d.id: tuple((q.id, q.weight, *ranges[q.id].get(d.id, (0.0, 100.0)))
                        for q in ordered if d.id in dims_of[q.id])
            for d in rs.dimensions}


def _listed(q: Question) -> frozenset[tuple[type, AnswerValue]] | None:
    from spinout.values import DONT_KNOW

    listed = q.kind.listed_answers(q)
    if listed is None or not q.dont_know:
        return listed
    return listed | {(str, DONT_KNOW)}


def _cap_levels(rs: RuleSet, levels: Mapping[str, int]) -> dict[str, int]:
    found = {}
    for b in rs.barriers:
        cap = b.cap if b.cap is not None else rs.bands.cap_for(b.severity)
        if cap in levels:
            found[b.id] = levels[cap]  # type: ignore[index]
    return found


def _ordered(rs: RuleSet) -> tuple[Question, ...]:
    rank = {s.id: i for i, s in enumerate(rs.sections)}
    return tuple(sorted(rs.questions, key=lambda q: rank.get(q.section, len(rank))))


def _dependents(ordered: tuple[Question, ...]) -> dict[str, tuple[str, ...]]:
    """Each question's later readers (a condition sees only the answers before it)."""
    found: dict[str, list[str]] = {q.id: [] for q in ordered}
    earlier: set[str] = set()
    for q in ordered:
        for ref in answer_refs(q.when):
            if ref in earlier:
                found[ref].append(q.id)
        earlier.add(q.id)
    return {qid: tuple(readers) for qid, readers in found.items()}


def _answer_readers(rs: RuleSet) -> dict[str, tuple[Barrier, ...]]:
    found: dict[str, list[Barrier]] = {q.id: [] for q in rs.questions}
    for b in rs.barriers:
        for ref in answer_refs(b.when):
            if ref in found:
                found[ref].append(b)
    return {qid: tuple(barriers) for qid, barriers in found.items()}


def _dimension_tests(rs: RuleSet) -> dict[str, tuple[tuple[float, str], ...]]:
    found: dict[str, list[tuple[float, str]]] = {d.id: [] for d in rs.dimensions}
    for b in rs.barriers:
        for leaf, _ in walk(b.when):
            if isinstance(leaf, DimensionCondition):
                threshold = leaf.below if leaf.below is not None else leaf.at_least
                found.setdefault(leaf.dimension, []).append((float(threshold or 0.0), b.id))
    return {did: tuple(sorted(tests)) for did, tests in found.items()}


def _frozen(mapping: dict[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(mapping)
