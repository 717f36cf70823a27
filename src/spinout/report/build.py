"""The one report pipeline: answers → assessment(s) → the report model → a renderer.

One respondent's answers give an individual report, several a group report; either way the
same :class:`~spinout.report.model.Report` is built and laid out by the Markdown, HTML or
JSON renderer. Pure: no files, no terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spinout.errors import Problem, UsageError

if TYPE_CHECKING:
    from spinout.answers.model import AnswersFile
    from spinout.engine.group import GroupAssessment
    from spinout.engine.result import Assessment
    from spinout.report.model import Report
    from spinout.ruleset.model import RuleSet

FORMATS = ("md", "html", "json")


def report_on(rs: RuleSet, answers: Sequence[AnswersFile], include_comments: bool = False,
              staff_count: float | None = None,
              assessment: Assessment | None = None) -> Report:
    """The report on respondents' answers: individual for one, group for several.
    ``assessment`` is the one respondent's assessment when it is already known."""
    if not answers:
        raise UsageError("no answers to report on — give an answers file or a folder of them")
    if len(answers) == 1:
        return individual(rs, answers[0], assessment)
    from spinout.engine.group import aggregate, for_group

    pairs = [(f, for_group(rs, f)) for f in answers]
    return group(rs, aggregate(rs, pairs, include_comments, staff_count))


def individual(rs: RuleSet, answers: AnswersFile,
               assessment: Assessment | None = None) -> Report:
    """One respondent's report, assessing the answers unless ``assessment`` is given."""
    from spinout.engine.assess import assess
    from spinout.report import individual as individual_report

    found = assessment if assessment is not None else assess(rs, answers.answers)
    return individual_report.build(rs, answers, found)


def group(rs: RuleSet, g: GroupAssessment) -> Report:
    """A group's report from its combined assessment."""
    from spinout.report import group_report

    return group_report.build(rs, g)


def render(report: Report, fmt: str) -> str:
    """Lay a built report out in one of :data:`FORMATS`."""
    if fmt == "html":
        from spinout.report import html as renderer
    elif fmt == "json":
        from spinout.report import json_report as renderer  # type: ignore[no-redef]
    elif fmt == "md":
        from spinout.report import markdown as renderer  # type: ignore[no-redef]
    else:
        raise UsageError(Problem("--format", None, None, f"unknown format `{fmt}`",
                                 "use one of " + ", ".join(FORMATS)))
    return renderer.render(report)


def render_report(rs: RuleSet, answers: Sequence[AnswersFile], fmt: str,
                  include_comments: bool = False) -> str:
    """:func:`report_on` the answers, rendered in ``fmt``."""
    return render(report_on(rs, answers, include_comments), fmt)
