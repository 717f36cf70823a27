"""The comparison of two assessments as one self-contained HTML file, with a before/after
chart of the overall score and each dimension (:func:`spinout.report.chart.pair_chart`).

The comparison data (:func:`spinout.report.compare.comparison`) says what moved; the later
report adds what the page shows about itself: the rule set's title, how old its sources are
and the service's name. Those come from a JSON report that may have been edited, so each is
used only when it has the right type.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spinout.report.chart import pair_chart
from spinout.report.model import RulesInfo

TEMPLATE = "compare.html.j2"
SECTIONS = (("cleared", "Cleared"), ("new", "New"), ("still", "Still open"))


def to_html(c: dict[str, Any], later: Mapping[str, Any]) -> str:
    """``c``: the comparison; ``later``: the later side's report data."""
    from spinout.report.html import environment

    template = environment().get_template(TEMPLATE)
    text = template.render(c=c, rules=rules_info(later), service=_text(later.get("service")),
                           chart=pair_chart(c), sections=SECTIONS)
    return text.rstrip() + "\n"


def rules_info(report: Mapping[str, Any]) -> RulesInfo:
    """What a report says of its rule set, each part only when it is text."""
    r = report.get("rules")
    r = r if isinstance(r, Mapping) else {}
    name = _text(r.get("name")) or "?"
    return RulesInfo(name, _text(r.get("version")) or "", _text(r.get("digest")) or "",
                     _text(r.get("title")) or name, _text(r.get("sources_period")),
                     _text(r.get("reviewed")))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
