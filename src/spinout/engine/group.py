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
from typing import TYPE_CHECKING, Any

from spinout.engine import dispersion, privacy
from spinout.engine.disagreement import disagreement, disagreements
from spinout.engine.dispersion import Spread, spread
from spinout.engine.group_result import (
    BandCount,
    BarrierShare,
    Comment,
    Disagreement,
    FormShare,
    GroupAction,
    GroupAssessment,
    GroupDimension,
    GroupWarning,
    RoleGroup,
    StageCount,
    UnknownCount,
)
from spinout.engine.privacy import Count, Middle
from spinout.engine.result import Assessment
from spinout.engine.tally import Tally
from spinout.engine.typical import group_actions, typical_answers
from spinout.record import replace
from spinout.ruleset.model import RuleSet

if TYPE_CHECKING:
    from spinout.answers.model import AnswersFile
    from spinout.engine.visibility import Applicability

__all__ = ["BandCount", "BarrierShare", "Comment", "Count", "Disagreement", "FormShare",
           "GroupAction", "GroupAssessment", "GroupDimension", "GroupWarning", "Middle",
           "RoleGroup", "Spread", "StageCount", "Tally", "UnknownCount", "aggregate",
           "disagreement", "essentials", "finish", "spread", "typical_answers"]

DISAGREEMENT_LIMIT = 10
ACTION_LIMIT = 5
SEVERITY_ORDER = {"blocker": 0, "major": 1, "minor": 2}


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
    comments, status = _comments(rs, tally, include_comments)
    return GroupAssessment(
        respondents=n,
        withheld=not shown,
        min_group_size=k,
        **_people(rs, tally, staff_count),
        **_placing(rs, tally, shown),
        roles=_roles(rs, tally),
        barriers=_barriers(rs, tally),
        legal_forms=_forms(rs, tally) if shown else (),
        next_actions=group_actions(rs, tally, ACTION_LIMIT) if shown else (),
        unknowns=_unknowns(rs, tally),
        disagreements=disagreements(rs, tally, DISAGREEMENT_LIMIT),
        comments=comments,
        comments_status=status,
        latest=tally.latest,
        **(_verdict(rs, tally) if shown else {}),
    )


def _people(rs: RuleSet, tally: Tally, staff_count: float | None) -> dict[str, Any]:
    """Staff count, participation, senior share and the warnings these figures set off."""
    n, k = tally.count, rs.header.min_group_size
    exact_staff = staff_count if staff_count is not None else dispersion.median(tally.staff)
    staff = exact_staff if staff_count is not None or len(tally.staff) >= k else None
    participation = n / exact_staff if exact_staff else None
    return {"staff_count": staff,
            "participation": n / staff if staff else None,
            "senior_share": privacy.count(tally.senior, k).share(n),
            "warnings": _warnings(rs, n, participation, tally.senior / n)}


def _placing(rs: RuleSet, tally: Tally, shown: bool) -> dict[str, Any]:
    """Overall score, confidence, bands, dimensions and stages over the group."""
    n, k = tally.count, rs.header.min_group_size
    bands = [(b.id, tally.bands[b.id]) for b in rs.bands.levels]
    stages = [(s.id, tally.stages[s.id]) for s in rs.stages]
    return {
        "overall": privacy.scores(tally.overall, k),
        "confidence": privacy.tenth(dispersion.mean(tally.confidence)) if shown else None,
        "band": bands[dispersion.lower_median([c for _, c in bands])][0] if shown else None,
        "bands": tuple(BandCount(b, c := privacy.count(x, k), c.share(n)) for b, x in bands),
        "weakest": _weakest(rs, tally, k),
        "dimensions": tuple(_dimension(tally, d.id, k, shown) for d in rs.dimensions),
        "stage": stages[dispersion.lower_median([c for _, c in stages])][0] if shown else None,
        "stages": tuple(StageCount(s, c := privacy.count(x, k), c.share(n)) for s, x in stages),
    }


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


def for_group(rs: RuleSet, answers: AnswersFile,
              app: Applicability | None = None) -> Assessment:
    """One respondent's assessment as a group needs it: no next actions (the group's are
    worked out once, on its typical answers), and only what :func:`aggregate` reads. ``app``
    is the answers' applicability when the caller has it already (from checking them)."""
    from spinout.engine.assess import assess

    return assess(rs, answers.answers, actions=0, explain=False, app=app)


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
        medians = tuple((d.id, _role_median(tally, group.scores.get(d.id, ()), d.id, k))
                        for d in rs.dimensions)
        groups.append(RoleGroup(role, privacy.count(size, k), False,
                                privacy.scores(group.overall, k).median, medians))
    return tuple(groups)


def _role_median(tally: Tally, scores: Sequence[float], did: str, k: int) -> float | None:
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
