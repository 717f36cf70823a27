"""The report as one self-contained HTML file: inline CSS and SVG, no scripts, no network.

Rendered from Jinja2 templates with autoescaping on; every expression is also stripped of
control characters before it is escaped.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from spinout.report.chart import chart
from spinout.report.dates import in_words
from spinout.report.model import Report
from spinout.report.refs import excerpts
from spinout.report.text import (
    clean,
    number,
    percent,
    plural,
    short_digest,
    signed,
)
from spinout.report.wording import (
    EDITORIAL,
    REASON_NAMES,
    SEVERITY_NAMES,
    UNKNOWN_REASONS,
    comments_note,
    fit_text,
)

TEMPLATE = "report.html.j2"


class HtmlStyle:
    """How HTML writes the shared sentences: escaped text, ``<strong>``, ``<q>``."""

    def text(self, value: object, mid_line: bool = False) -> str:
        from markupsafe import escape

        return str(escape(clean(value)))

    def strong(self, inner: str) -> str:
        return f"<strong>{inner}</strong>"

    def quote(self, inner: str) -> str:
        return f"<q>{inner}</q>"


HTML = HtmlStyle()


class Sentences:
    """:mod:`spinout.report.sentences` for templates: sentences that take a style get the
    HTML one and come back marked safe (their text parts are escaped already); fixed
    sentences are spinout's own words and are written as they are."""

    def __getattr__(self, name: str) -> Any:
        import inspect

        from markupsafe import Markup

        from spinout.report import sentences

        found = getattr(sentences, name)
        if isinstance(found, str):
            return Markup(found)
        if callable(found) and "s" in inspect.signature(found).parameters:
            return lambda *args: Markup(found(*args, s=HTML))
        return found


def render(report: Report, brief_only: bool = False) -> str:
    from spinout.report.brief import brief

    template = environment().get_template(TEMPLATE)
    note = comments_note(report.group) if report.group is not None else None
    text = template.render(r=report, chart=chart(report), backlinks=backlinks(report),
                           comments_note=note, b=brief(report), brief_only=brief_only)
    return text.rstrip() + "\n"


def backlinks(report: Report) -> dict[tuple[str, int], list[int]]:
    """Reference numbers citing each (source, line), for links back from the appendix."""
    found: dict[tuple[str, int], list[int]] = {}
    for ref in report.citations:
        found.setdefault((ref.source, ref.line), []).append(ref.n)
    return found


@cache
def environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("spinout.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )
    env.filters.update(number=number, percent=percent, signed=signed, short_digest=short_digest,
                       plural=plural, in_words=in_words)
    env.globals.update(say=Sentences(), fit_text=fit_text, excerpts=excerpts, EDITORIAL=EDITORIAL,
                       REASON_NAMES=REASON_NAMES, SEVERITY_NAMES=SEVERITY_NAMES,
                       UNKNOWN_REASONS=UNKNOWN_REASONS)
    return env


def _finalize(value: Any) -> Any:
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return clean(value)
    return value
