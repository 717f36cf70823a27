"""Guidance items the assessment gives: barriers, stages, legal forms, readiness bands, group
warnings and the glossary."""


from typing import Literal

from spinout.record import field
from spinout.ruleset.cited import Cited
from spinout.ruleset.conditions.model import Condition
from spinout.ruleset.fields import Id, Item

Severity = Literal["blocker", "major", "minor"]
SEVERITIES: tuple[Severity, ...] = ("blocker", "major", "minor")


class Barrier(Cited, kw_only=True):
    id: Id
    title: str
    severity: Severity
    dimension: Id | None = None
    when: Condition
    why: str
    what_to_do: tuple[str, ...]
    cap: Id | None = None
    rules_out_mutual: bool = False
    conflict: bool = False


class Criterion(Item):
    label: str
    when: Condition


class Stage(Cited, kw_only=True):
    id: Id
    name: str
    description: str
    reached: tuple[Criterion, ...] = ()
    running: bool = False
    entry: tuple[Criterion, ...] = ()
    exit: tuple[Criterion, ...]
    tasks: tuple[str, ...]


class FitRule(Item, kw_only=True):
    when: Condition
    points: float = 0.0
    exclude: bool = False
    reason: str


class LegalAttributes(Item):
    control: str
    profit_distribution: str
    asset_lock: str
    charitable: str
    outside_investment: str


class LegalForm(Cited, kw_only=True):
    id: Id
    name: str
    summary: str
    attributes: LegalAttributes
    fit: tuple[FitRule, ...]
    caveats: tuple[str, ...] = ()


class Band(Item):
    id: Id
    name: str
    min: float
    description: str


class Bands(Item):
    levels: tuple[Band, ...]
    caps: dict[Severity, Id] = field(default_factory=dict)
    blocker_cap: Id | None = None
    min_confidence: float = 0.0

    def cap_for(self, severity: str) -> str | None:
        """The band a barrier of ``severity`` caps the readiness band at (None: no cap)."""
        found = self.caps.get(severity)  # type: ignore[call-overload]
        if found is None and severity == "blocker":
            return self.blocker_cap
        return found


class GroupWarningRule(Cited, kw_only=True):
    """A warning a group report shows prominently when every threshold it gives holds."""

    id: Id
    title: str
    message: str
    senior_share_at_least: float | None = None
    participation_below: float | None = None
    below_min_group_size: bool = False


class GlossaryTerm(Item):
    """A word explained in plain English. Definitions are spinout's own (editorial)."""

    id: Id
    term: str
    definition: str
    also: tuple[str, ...] = ()
    as_of: str | None = None
