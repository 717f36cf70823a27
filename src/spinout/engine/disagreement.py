"""How far a group's answers to each question differ."""

from __future__ import annotations

from collections import Counter

from spinout.engine import dispersion, privacy
from spinout.engine.group_result import Disagreement
from spinout.engine.tally import Tally, choices
from spinout.engine.typical import option_counts, several
from spinout.ruleset.model import Question, RuleSet


def disagreements(rs: RuleSet, tally: Tally, limit: int) -> tuple[Disagreement, ...]:
    """Questions answered by at least the minimum group size (and two) whose answers differ,
    most divided first (ties in question order). Only answers to questions that applied to the
    respondent count."""
    rows = []
    k = max(2, rs.header.min_group_size)
    for order, q in enumerate(rs.questions_in_order()):
        if q.is_comment or tally.answered[q.id] < k:
            continue
        found = disagreement(q, tally, k)
        if found is not None and found.index > 1e-12:
            rows.append((-round(found.index, 12), order, found))
    rows.sort(key=lambda r: (r[0], r[1]))
    return tuple(r[2] for r in rows[:limit])


def disagreement(q: Question, tally: Tally, k: int = 1) -> Disagreement | None:
    """How divided the answers to ``q`` are: Leik's ordinal dispersion for choices in order
    (yes/no, scales with options, in their listed order), the index of qualitative variation
    for other single choices, the mean of 4p(1-p) over options for multi choice, and the standard
    deviation over half the range for numbers (None without both ``min`` and ``max``). Counts
    below ``k`` are suppressed and the index is rounded to tenths (0 stays 0 only when all
    agree)."""
    n = tally.answered[q.id]
    if choices(q):
        counts = option_counts(q, tally.choices.get(q.id, Counter()))
        if several(q):
            index = dispersion.choice_dispersion(counts, n)
        elif q.kind.ordinal(q):
            index = dispersion.ordinal_dispersion(counts, sum(counts))
        else:
            index = dispersion.qualitative_variation(counts, sum(counts))
        shown = tuple((v, privacy.count(c, k)) for v, c in zip(choices(q), counts, strict=True))
        return Disagreement(q.id, privacy.count(n, k), _tenths(index), shown, None)
    numbers = tally.numbers.get(q.id, [])
    if q.min is None or q.max is None or len(numbers) < 2:
        return None
    values = [float(v) for v in numbers]
    return Disagreement(q.id, privacy.count(len(values), k),
                        _tenths(dispersion.numeric_dispersion(values, q.min, q.max)), (),
                        privacy.numbers(values, k))


def _tenths(index: float) -> float:
    """An index in tenths, never rounded down to 0 when answers differ at all."""
    shown = privacy.tenth(index) or 0.0
    return 0.1 if shown == 0 and index > 1e-12 else shown
