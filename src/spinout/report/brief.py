"""The brief: what a board reads first, chosen from the full report. It fits two printed A4
pages: the band, the overall score and confidence, the three most serious barriers, the stage
and what remains, the best legal forms with a reason each, the next three actions and one
paragraph on what this means (see :func:`spinout.report.sentences.meaning`)."""

from __future__ import annotations

from spinout.record import Record
from spinout.report.model import ActionItem, BarrierItem, CriterionItem, FormItem, Report

TOP = 3


class Brief(Record):
    barriers: tuple[BarrierItem, ...]  # the most serious, blockers first
    remaining: tuple[CriterionItem, ...]  # what remains at the current stage
    more_remaining: int  # how many more criteria remain than are listed
    forms: tuple[FormItem, ...]  # the best fits, none ruled out (see brief())
    actions: tuple[ActionItem, ...]


def brief(r: Report) -> Brief:
    """The findings the brief shows, in the report's own order. Legal forms that are not
    ranked are listed (unordered, after the reason they are not ranked) only when some are
    ruled out, so the list says which are still open."""
    remaining = distinct_remaining(r)
    return Brief(
        barriers=r.barriers[:TOP],
        remaining=remaining[:TOP],
        more_remaining=max(0, len(remaining) - TOP),
        forms=shown_forms(r)[:TOP],
        actions=r.next_actions[:TOP],
    )


def shown_forms(r: Report) -> tuple[FormItem, ...]:
    """The legal forms a short summary lists: those not ruled out, best first; when they are
    not ranked, only if some are ruled out (else the list would be every form, unordered)."""
    fits = tuple(f for f in r.legal_forms if not f.excluded)
    return () if not r.forms.ranked and len(fits) == len(r.legal_forms) else fits


def distinct_remaining(r: Report) -> tuple[CriterionItem, ...]:
    """What remains at the current stage, a criterion several stages share listed once."""
    once: dict[str, CriterionItem] = {}
    for c in r.stage.remaining if r.stage is not None else ():
        once.setdefault(c.label, c)
    return tuple(once.values())
