"""What only a group report holds: respondents by role, how divided the answers are, warnings
and the bands of individual respondents. Figures resting on too few respondents are
suppressed :class:`Count` or :class:`Middle` values."""

from __future__ import annotations

from spinout.engine.privacy import Count, Middle
from spinout.record import Record
from spinout.values import AnswerValue


class RoleRow(Record):
    """Respondents of one role (``id`` None: no role given). Suppressed rows (the role, or
    the respondents outside it, below the minimum group size) carry their count only; a
    median of None is withheld."""

    id: str | None
    label: str
    count: Count
    suppressed: bool
    overall: float | None
    medians: tuple[Median, ...]


class Median(Record):
    dimension: str
    name: str
    median: float | None


class OptionCount(Record):
    value: AnswerValue
    label: str
    count: Count


class DisagreementRow(Record):
    """How divided the answers to one question are: ``index`` 0 (all agree) to 1."""

    question: str
    text: str
    answered: Count
    index: float
    counts: tuple[OptionCount, ...]
    spread: Middle | None


class WarningItem(Record):
    id: str
    title: str
    message: str
    value: float
    threshold: float
    refs: tuple[int, ...]
    editorial: bool


class NamedCount(Record):
    id: str
    name: str
    count: Count
    share: float | None


class GroupInfo(Record):
    """What only a group report has. ``withheld``: fewer respondents than ``min_group_size``,
    so no figure from their answers is shown."""

    respondents: int
    withheld: bool
    staff: float | None
    participation: float | None
    senior_share: float | None
    min_group_size: int
    roles: tuple[RoleRow, ...]
    bands: tuple[NamedCount, ...]
    disagreements: tuple[DisagreementRow, ...]
    warnings: tuple[WarningItem, ...]
    comments_status: str  # "included", "not_requested" or "group_too_small"
    capped: int = 0  # respondents whose band a barrier held down
    caps: tuple[NamedCount, ...] = ()  # barriers that held bands down, with respondents
