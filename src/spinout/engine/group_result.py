"""The group result: what :func:`spinout.engine.group.finish` returns and group reports read,
with every figure already protected for small groups."""

from __future__ import annotations

from spinout.engine.privacy import Count, Middle
from spinout.record import Record
from spinout.ruleset.model import Citation
from spinout.values import AnswerValue


class GroupDimension(Record):
    """One dimension over the group: the middle of respondents' scores (respondents with no
    score for it left out) and mean confidence over all respondents (None when withheld)."""

    id: str
    spread: Middle
    confidence: float | None


class RoleGroup(Record):
    """Respondents who gave one role (``role`` None: no role given). When ``suppressed``
    (the role, or the respondents outside it, below the minimum group size) ``overall`` is
    None and ``medians`` is empty; otherwise ``medians`` holds (dimension id, median score, or
    None when fewer than the minimum in the role have a score for it) in rule order."""

    role: str | None
    count: Count
    suppressed: bool
    overall: float | None
    medians: tuple[tuple[str, float | None], ...]


class BarrierShare(Record):
    """A barrier triggered for ``count`` respondents (``share`` of all respondents); only
    barriers raised for at least the minimum group size are listed."""

    id: str
    severity: str
    count: Count
    share: float | None


class StageCount(Record):
    """How many respondents the engine places at a stage."""

    id: str
    count: Count
    share: float | None


class BandCount(Record):
    """How many respondents fall in a readiness band (after the blocker cap)."""

    id: str
    count: Count
    share: float | None


class FormShare(Record):
    """A legal form over the group: ``rank`` is its place in the group ordering (by mean rank,
    then rule order), ``first`` how many respondents have it ranked first, ``excluded`` how
    many respondents' answers rule it out. The mean rank itself is not kept: it moves with
    each respondent's rank."""

    id: str
    rank: int
    first: Count
    excluded: Count


class GroupAction(Record):
    """A next best action for the group, found by simulation on the group's typical answers
    (see :func:`typical_answers`): answering ``question`` with ``target`` would raise the
    typical overall score by ``overall_gain`` and clear the barriers in ``clears``; ``count``
    respondents (of those the question applies to) have not yet given that answer."""

    question: str
    target: AnswerValue
    overall_gain: float
    clears: tuple[str, ...]
    count: Count


class UnknownCount(Record):
    """A question that applies to ``count`` respondents who left it unanswered or don't know
    (listed only when they reach the minimum group size)."""

    question: str
    count: Count


class Disagreement(Record):
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


class GroupWarning(Record):
    """A prominent warning from the rules' ``group_warnings``: ``value`` is the measured figure
    that set it off (senior share, participation or respondents) and ``threshold`` the limit."""

    id: str
    title: str
    message: str
    cite: tuple[Citation, ...]
    editorial: bool
    value: float
    threshold: float


class Comment(Record):
    """One free-text answer, not attributed to anyone."""

    question: str
    text: str


class GroupAssessment(Record):
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
