"""Group assessment: many respondents' assessments combined into one picture of the group.

Pure and deterministic: no I/O, and the result never depends on the order of respondents
(every list is ordered by rule order, counts or ids; sums are exact or exactly rounded).
With one respondent the group figures equal that respondent's assessment where they overlap.
Respondents are first counted into a mergeable :class:`~spinout.engine.tally.Tally` (which
several processes can build in parts), then :func:`finish` computes the result.

Small-group protection (see :mod:`spinout.engine.privacy`): every figure resting on fewer
respondents than ``rs.header.min_group_size`` is suppressed, and the figures shown are
coarsened. A group below the minimum shows no figure from its answers at all; a dimension, role,
barrier, stage, legal form, option, unknown or question's comments that fewer than the minimum
respondents share is withheld even in a large group; role medians are shown only when the
respondents outside the role reach the minimum too; lowest and highest values are never kept.
Free-text answers appear only when asked for. Warnings are set off by the exact figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from spinout.engine import dispersion, privacy
from spinout.engine.dispersion import Spread, spread
from spinout.engine.privacy import Count, Middle
from spinout.engine.result import Assessment
from spinout.engine.tally import Tally, choices, key
from spinout.qtypes import Shape
from spinout.ruleset.model import Citation, Question, RuleSet
from spinout.values import AnswerValue, same

if TYPE_CHECKING:
    from spinout.answers.model import AnswersFile

__all__ = ["Count", "Middle", "Spread", "Tally", "aggregate", "essentials", "finish", "spread"]

DISAGREEMENT_LIMIT = 10
ACTION_LIMIT = 5
SEVERITY_ORDER = {"blocker": 0, "major": 1, "minor": 2}


@dataclass(frozen=True)
class GroupDimension:
    """One dimension over the group: the middle of respondents' scores (respondents with no
    score for it left out) and mean confidence over all respondents (None when withheld)."""

    id: str
    spread: Middle
    confidence: float | None


@dataclass(frozen=True)
class RoleGroup:
    """Respondents who gave one role (``role`` None: no role given). When ``suppressed``
    (the role, or the respondents outside it, below the minimum group size) ``overall`` is
    None and ``medians`` is empty; otherwise ``medians`` holds (dimension id, median score, or
    None when fewer than the minimum in the role have a score for it) in rule order."""

    role: str | None
    count: Count
    suppressed: bool
    overall: float | None
    medians: tuple[tuple[str, float | None], ...]


@dataclass(frozen=True)
class BarrierShare:
    """A barrier triggered for ``count`` respondents (``share`` of all respondents); only
    barriers raised for at least the minimum group size are listed."""

    id: str
    severity: str
    count: Count
    share: float | None


@dataclass(frozen=True)
class StageCount:
    """How many respondents the engine places at a stage."""

    id: str
    count: Count
    share: float | None


@dataclass(frozen=True)
class BandCount:
    """How many respondents fall in a readiness band (after the blocker cap)."""

    id: str
    count: Count
    share: float | None


@dataclass(frozen=True)
class FormShare:
    """A legal form over the group: ``rank`` is its place in the group ordering (by mean rank,
    then rule order), ``first`` how many respondents have it ranked first, ``excluded`` how
    many respondents' answers rule it out. The mean rank itself is not kept: it moves with
    each respondent's rank."""

    id: str
    rank: int
    first: Count
    excluded: Count


@dataclass(frozen=True)
class GroupAction:
    """A next best action for the group, found by simulation on the group's typical answers
    (see :func:`typical_answers`): answering ``question`` with ``target`` would raise the
    typical overall score by ``overall_gain`` and clear the barriers in ``clears``; ``count``
    respondents (of those the question applies to) have not yet given that answer."""

    question: str
    target: AnswerValue
    overall_gain: float
    clears: tuple[str, ...]
    count: Count


@dataclass(frozen=True)
class UnknownCount:
    """A question that applies to ``count`` respondents who left it unanswered or don't know
    (listed only when they reach the minimum group size)."""

    question: str
    count: Count


@dataclass(frozen=True)
class Disagreement:
    """How far respondents' answers to one question differ: ``index`` runs from 0 (all agree)
    to 1 (evenly split between opposite ends), in tenths. ``answered`` counts real answers (at
    least the minimum group size). ``counts`` holds (option value, respondents) in option order
    for questions with options (for multi questions, how many chose each option); ``spread``
    summarises number answers."""

    question: str
    answered: Count
    index: float
    counts: tuple[tuple[AnswerValue, Count], ...]
    spread: Middle | None


@dataclass(frozen=True)
class GroupWarning:
    """A prominent warning from the rules' ``group_warnings``: ``value`` is the measured figure
    that set it off (senior share, participation or respondents) and ``threshold`` the limit."""

    id: str
    title: str
    message: str
    cite: tuple[Citation, ...]
    editorial: bool
    value: float
    threshold: float


@dataclass(frozen=True)
class Comment:
    """One free-text answer, not attributed to anyone."""

    question: str
    text: str


@dataclass(frozen=True)
class GroupAssessment:
    """The group's combined assessment, with small-group protection applied.

    ``respondents``: how many; ``withheld``: fewer than ``min_group_size``, so that no figure
    from the answers is shown (``band``, ``stage`` and ``confidence`` None, lists empty, counts
    suppressed); ``staff_count``: staff in the service (given, or the median of answers to the
    rules' ``staff_count_question`` when at least the minimum gave one; None when unknown);
    ``participation``: respondents / staff count (None when unknown); ``senior_share``: share
    of respondents whose role is senior (None when suppressed). ``overall``, ``confidence``
    (mean), ``band`` (lower median of respondents' bands), ``weakest`` (dimension with the
    lowest median, ties in rule order) and ``stage`` (lower median of respondents' stages)
    mirror :class:`Assessment`. ``comments_status`` is ``"included"``, ``"not_requested"`` or
    ``"group_too_small"``. ``latest``: the most recent ``updated`` (or ``started``) time among
    the answers files.
    """

    respondents: int
    withheld: bool
    staff_count: float | None
    participation: float | None
    senior_share: float | None
    min_group_size: int
    overall: Middle
    confidence: float | None
    band: str | None
    bands: tuple[BandCount, ...]
    weakest: str | None
    dimensions: tuple[GroupDimension, ...]
    roles: tuple[RoleGroup, ...]
    barriers: tuple[BarrierShare, ...]
    stage: str | None
    stages: tuple[StageCount, ...]
    legal_forms: tuple[FormShare, ...]
    next_actions: tuple[GroupAction, ...]
    unknowns: tuple[UnknownCount, ...]
    disagreements: tuple[Disagreement, ...]
    warnings: tuple[GroupWarning, ...]
    comments: tuple[Comment, ...]
    comments_status: str
    latest: str | None
    band_range: tuple[str, str] = ("", "")  # lower medians of respondents' worst, best bands
    provisional: bool = False  # mean confidence below the rule set's min_confidence
    capped: int = 0  # respondents whose band a barrier held down
    caps: tuple[tuple[str, int], ...] = ()  # (barrier, respondents it held down), most first
    stage_high: int = 0  # lower median of respondents' highest possible stages

    def dimension(self, did: str) -> GroupDimension:
        return next(d for d in self.dimensions if d.id == did)


Respondents = Sequence[tuple["AnswersFile", Assessment]]


def aggregate(rs: RuleSet, respondents: Respondents, include_comments: bool = False,
              staff_count: float | None = None) -> GroupAssessment:
    """Combine respondents' (answers file, assessment) pairs into a :class:`GroupAssessment`.

    ``staff_count`` overrides the count taken from answers. Raises ValueError when
    ``respondents`` is empty.
    """
    tally = Tally(comments_wanted=include_comments)
    for f, a in respondents:
        tally.add(rs, f, a)
    return finish(rs, tally, include_comments, staff_count)


def finish(rs: RuleSet, tally: Tally, include_comments: bool = False,
           staff_count: float | None = None) -> GroupAssessment:
    """The group result from a (merged) tally, protected as the module describes. Raises
    ValueError for an empty tally."""
    n = tally.count
    if n == 0:
        raise ValueError("a group assessment needs at least one respondent")
    k = rs.header.min_group_size
    shown = n >= k
    exact_staff = staff_count if staff_count is not None else dispersion.median(tally.staff)
    staff = exact_staff if staff_count is not None or len(tally.staff) >= k else None
    participation = n / exact_staff if exact_staff else None
    senior = privacy.count(tally.senior, k)
    dims = tuple(_dimension(tally, d.id, k, shown) for d in rs.dimensions)
    bands = [(b.id, tally.bands[b.id]) for b in rs.bands.levels]
    stages = [(s.id, tally.stages[s.id]) for s in rs.stages]
    comments, status = _comments(rs, tally, include_comments)
    return GroupAssessment(
        respondents=n,
        withheld=not shown,
        staff_count=staff,
        participation=n / staff if staff else None,
        senior_share=senior.share(n),
        min_group_size=k,
        overall=privacy.scores(tally.overall, k),
        confidence=privacy.tenth(dispersion.mean(tally.confidence)) if shown else None,
        band=bands[dispersion.lower_median([c for _, c in bands])][0] if shown else None,
        bands=tuple(BandCount(b, c := privacy.count(x, k), c.share(n)) for b, x in bands),
        weakest=_weakest(rs, tally, k),
        dimensions=dims,
        roles=_roles(rs, tally),
        barriers=_barriers(rs, tally),
        stage=stages[dispersion.lower_median([c for _, c in stages])][0] if shown else None,
        stages=tuple(StageCount(s, c := privacy.count(x, k), c.share(n)) for s, x in stages),
        legal_forms=_forms(rs, tally) if shown else (),
        next_actions=_group_actions(rs, tally, ACTION_LIMIT) if shown else (),
        unknowns=_unknowns(rs, tally),
        disagreements=_disagreements(rs, tally, DISAGREEMENT_LIMIT),
        warnings=_warnings(rs, n, participation, tally.senior / n),
        comments=comments,
        comments_status=status,
        latest=tally.latest,
        **(_verdict(rs, tally) if shown else {}),
    )


def _dimension(tally: Tally, did: str, k: int, shown: bool) -> GroupDimension:
    confidence = dispersion.mean(tally.dimension_confidence.get(did, []))
    return GroupDimension(did, privacy.scores(tally.scores.get(did, ()), k),
                          privacy.tenth(confidence) if shown else None)


def _verdict(rs: RuleSet, tally: Tally) -> dict[str, Any]:
    """The group's band range, provisional flag, caps and highest stage, from respondents'."""
    levels = [b.id for b in rs.bands.levels]
    low = levels[dispersion.lower_median([tally.bands_low[b] for b in levels])]
    high = levels[dispersion.lower_median([tally.bands_high[b] for b in levels])]
    stages = range(len(rs.stages))
    k = rs.header.min_group_size
    caps = sorted(((b, c) for b, c in tally.caps.items() if c >= k),
                  key=lambda pair: (-pair[1], pair[0]))
    return {"band_range": (low, high), "capped": tally.capped, "caps": tuple(caps),
            "provisional": dispersion.mean(tally.confidence) < rs.bands.min_confidence,
            "stage_high": dispersion.lower_median([tally.stages_high[i] for i in stages])}


def for_group(rs: RuleSet, answers: AnswersFile) -> Assessment:
    """One respondent's assessment as a group needs it: no next actions (the group's are
    worked out once, on its typical answers), and only what :func:`aggregate` reads."""
    from spinout.engine.assess import assess

    return essentials(assess(rs, answers.answers, actions=0))


def essentials(a: Assessment) -> Assessment:
    """A copy of ``a`` keeping only what :func:`aggregate` reads (no contributions, evidence,
    criteria, reasons, next actions or unknowns), so thousands of assessments fit in memory
    and travel cheaply between processes. Aggregating essentials gives the same result."""
    return replace(
        a,
        dimensions=tuple(replace(d, contributions=(), unknowns=()) for d in a.dimensions),
        barriers=tuple(replace(b, evidence=()) for b in a.barriers),
        stage=replace(a.stage, criteria=(), statuses=()),
        legal_forms=tuple(replace(f, reasons_for=(), reasons_against=(), excluded_by=())
                          for f in a.legal_forms),
        next_actions=(),
        unknowns=(),
    )


def _weakest(rs: RuleSet, tally: Tally, k: int) -> str | None:
    """The dimension with the lowest median among those whose median is shown."""
    medians = [(dispersion.median(tally.scores.get(d.id, ())), order, d.id)
               for order, d in enumerate(rs.dimensions)
               if len(tally.scores.get(d.id, ())) >= k]
    found = [m for m in medians if m[0] is not None]
    return min(found)[2] if found else None


def _roles(rs: RuleSet, tally: Tally) -> tuple[RoleGroup, ...]:
    """Every role of the rules and "no role", in rule order, whether or not anyone gave it
    (so a role appearing is never news); figures only where :func:`privacy.enough`."""
    order: list[str | None] = [r.id for r in rs.roles]
    order.append(None)
    k, n = rs.header.min_group_size, tally.count
    groups = []
    for role in order:
        group = tally.roles.get(role)
        size = group.count if group is not None else 0
        if group is None or not privacy.enough(size, k, n):
            groups.append(RoleGroup(role, privacy.count(size, k), True, None, ()))
            continue
        medians = tuple((d.id, _role_median(tally, group.scores.get(d.id, []), d.id, k))
                        for d in rs.dimensions)
        groups.append(RoleGroup(role, privacy.count(size, k), False,
                                privacy.scores(group.overall, k).median, medians))
    return tuple(groups)


def _role_median(tally: Tally, scores: list[float], did: str, k: int) -> float | None:
    everyone = len(tally.scores.get(did, ()))
    return privacy.scores(scores, k).median if privacy.enough(len(scores), k, everyone) else None


def _barriers(rs: RuleSet, tally: Tally) -> tuple[BarrierShare, ...]:
    counts, n, k = tally.barriers, tally.count, rs.header.min_group_size
    rows = sorted(((SEVERITY_ORDER.get(b.severity, 9), -counts[b.id], i), b)
                  for i, b in enumerate(rs.barriers) if counts[b.id] >= k)
    return tuple(BarrierShare(b.id, b.severity, c := privacy.count(counts[b.id], k),
                              c.share(n)) for _, b in rows)


def _forms(rs: RuleSet, tally: Tally) -> tuple[FormShare, ...]:
    n, k = tally.count, rs.header.min_group_size
    rows = sorted((tally.form_rank_sum[f.id] / n, order, f.id)
                  for order, f in enumerate(rs.legal_forms))
    return tuple(FormShare(fid, place, privacy.count(tally.form_first[fid], k),
                           privacy.count(tally.form_excluded[fid], k))
                 for place, (_, _, fid) in enumerate(rows, 1))


def _unknowns(rs: RuleSet, tally: Tally) -> tuple[UnknownCount, ...]:
    """Questions that applied without a real answer (the assessments' ``unknowns``), counted
    from the answers so that :func:`essentials` can leave those lists out."""
    rank, k = rs.index.rank, rs.header.min_group_size
    counts = {qid: tally.applies[qid] - tally.answered[qid] for qid in tally.applies}
    ordered = sorted((q for q, c in counts.items() if c >= k), key=lambda q: (-counts[q], rank[q]))
    return tuple(UnknownCount(q, privacy.count(counts[q], k)) for q in ordered)


# --- answers: typical answers, actions, disagreement -------------------------------------------


def typical_answers(rs: RuleSet, tally: Tally) -> dict[str, AnswerValue]:
    """The group's typical answers, from every real answer given (also to questions that did
    not apply, as an individual assessment also keeps them): the most common answer (ties in
    option order) for yes/no, single choice and scales with options; the options chosen by at
    least half for multi choice; the median for numbers and option-less scales (a whole number
    when the median is one). With one respondent these are that respondent's real answers."""
    typical: dict[str, AnswerValue] = {}
    for q in rs.questions_in_order():
        answered = tally.answered[q.id] + tally.hidden_answered[q.id]
        if q.is_comment or answered == 0:
            continue
        counter = tally.choices.get(q.id, Counter()) + tally.hidden_choices.get(q.id, Counter())
        numbers = tally.numbers.get(q.id, []) + tally.hidden_numbers.get(q.id, [])
        found = _typical(q, answered, counter, numbers)
        if found is not None:
            typical[q.id] = found
    return typical


def _typical(q: Question, answered: int, counter: Counter[Any],
             numbers: list[int | float]) -> AnswerValue | None:
    if _several(q):
        counts = _option_counts(q, counter)
        return [v for v, c in zip(choices(q), counts, strict=True) if 2 * c >= answered]
    if choices(q):
        counts = _option_counts(q, counter)
        return choices(q)[counts.index(max(counts))] if max(counts) else None
    if not numbers:
        return None
    middle = dispersion.median(numbers)
    if middle is not None and middle.is_integer() and any(
            isinstance(v, int) and v == middle for v in numbers):
        return int(middle)
    return middle


def _option_counts(q: Question, counter: Counter[Any]) -> list[int]:
    """Respondents choosing each option of ``q``, in option order."""
    values = choices(q)
    if not _several(q):
        return [counter[key(v)] for v in values]
    counts = Counter[Any]()
    for chosen, times in counter.items():
        for k in chosen:
            counts[k] += times
    return [counts[key(v)] for v in values]


def _several(q: Question) -> bool:
    return q.kind.shape(q) is Shape.MULTI


def _matching(q: Question, tally: Tally, target: AnswerValue) -> int:
    """Respondents (of those ``q`` applied to) whose answer to ``q`` is ``target``."""
    counter = tally.choices.get(q.id, Counter())
    if _several(q) and isinstance(target, list):
        return counter[frozenset(key(v) for v in target)]
    if choices(q):
        return counter[key(target)]
    return sum(1 for v in tally.numbers.get(q.id, ()) if same(v, target))


def _group_actions(rs: RuleSet, tally: Tally, limit: int) -> tuple[GroupAction, ...]:
    """Next best actions simulated once on :func:`typical_answers`, so a large group needs no
    per-respondent simulation (respondents can be assessed with ``actions=0``)."""
    from spinout.engine.assess import assess

    found = assess(rs, typical_answers(rs, tally), actions=limit).next_actions
    k = rs.header.min_group_size
    return tuple(
        GroupAction(x.question, x.target, x.overall_gain, x.clears, privacy.count(
            tally.applies[x.question] - _matching(rs.question(x.question), tally, x.target), k))
        for x in found)


def _disagreements(rs: RuleSet, tally: Tally, limit: int) -> tuple[Disagreement, ...]:
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
        counts = _option_counts(q, tally.choices.get(q.id, Counter()))
        if _several(q):
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


# --- warnings and comments ---------------------------------------------------------------------


def _warnings(rs: RuleSet, n: int, participation: float | None,
              senior: float) -> tuple[GroupWarning, ...]:
    found = []
    for w in rs.group_warnings:
        hit = _warning_hit(w, rs, n, participation, senior)
        if hit is not None:
            value, threshold = hit
            if w.senior_share_at_least is not None:  # a share of a role count: coarsened
                value = privacy.tenth(value) or 0.0
            found.append(GroupWarning(w.id, w.title, w.message, w.cite, w.editorial, value,
                                      threshold))
    return tuple(found)


def _warning_hit(w: Any, rs: RuleSet, n: int, participation: float | None,
                 senior: float) -> tuple[float, float] | None:
    """(measured value, threshold) of the first threshold, when every threshold given holds."""
    tests = []
    if w.senior_share_at_least is not None:
        tests.append((senior >= w.senior_share_at_least - 1e-12, senior,
                      w.senior_share_at_least))
    if w.participation_below is not None:
        tests.append((participation is not None and participation < w.participation_below,
                      participation if participation is not None else 0.0,
                      w.participation_below))
    if w.below_min_group_size:
        minimum = rs.header.min_group_size
        tests.append((n < minimum, float(n), float(minimum)))
    if not tests or not all(ok for ok, _, _ in tests):
        return None
    return tests[0][1], tests[0][2]


def _comments(rs: RuleSet, tally: Tally, include: bool) -> tuple[tuple[Comment, ...], str]:
    if not include or not tally.comments_wanted:
        return (), "not_requested"
    k = rs.header.min_group_size
    if tally.count < k:
        return (), "group_too_small"
    per_question = Counter(qid for _, qid, _ in tally.comments)
    return tuple(Comment(qid, text) for _, qid, text in sorted(tally.comments)
                 if per_question[qid] >= k), "included"
