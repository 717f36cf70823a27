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
              staff_count: float | None = None, assessment: Assessment | None = None,
              service: str | None = None) -> Report:
    """The report on respondents' answers: individual for one, group for several.
    ``assessment`` is the one respondent's assessment when it is already known; ``service``
    names the service or group (default: the name the answers files give, when they agree)."""
    if not answers:
        raise UsageError("no answers to report on — give an answers file or a folder of them")
    named = service or service_of(answers)
    if len(answers) == 1:
        return individual(rs, answers[0], assessment, named)
    from spinout.engine.group import aggregate, for_group

    pairs = [(f, for_group(rs, f)) for f in answers]
    return group(rs, aggregate(rs, pairs, include_comments, staff_count), named)


def service_of(answers: Sequence[AnswersFile]) -> str | None:
    """The service the answers files name, when every file that names one names the same."""
    names = {f.service for f in answers if f.service}
    return names.pop() if len(names) == 1 else None


def individual(rs: RuleSet, answers: AnswersFile, assessment: Assessment | None = None,
               service: str | None = None) -> Report:
    """One respondent's report, assessing the answers unless ``assessment`` is given."""
    from spinout.engine.assess import assess
    from spinout.report import individual as individual_report
    from spinout.report.findings import with_context

    found = assessment if assessment is not None else assess(rs, answers.answers)
    built = individual_report.build(rs, answers, found)
    return with_context(rs, built, service or answers.service)


def group(rs: RuleSet, g: GroupAssessment, service: str | None = None) -> Report:
    """A group's report from its combined assessment."""
    from spinout.report import group_report
    from spinout.report.findings import with_context

    return with_context(rs, group_report.build(rs, g), service)


def render(report: Report, fmt: str, brief_only: bool = False) -> str:
    """Lay a built report out in one of :data:`FORMATS`; ``brief_only`` keeps only the brief
    that opens it (Markdown and HTML: JSON always carries every finding)."""
    if fmt == "json":
        if brief_only:
            raise UsageError(Problem("--brief", None, None, "a JSON report always carries "
                                     "every finding", "use --brief with -o brief.html or "
                                     "--format md"))
        from spinout.report import json_report

        return json_report.render(report)
    if fmt == "html":
        from spinout.report import html as renderer
    elif fmt == "md":
        from spinout.report import markdown as renderer  # type: ignore[no-redef]
    else:
        raise UsageError(Problem("--format", None, None, f"unknown format `{fmt}`",
                                 "use one of " + ", ".join(FORMATS)))
    return renderer.render(report, brief_only)


def render_report(rs: RuleSet, answers: Sequence[AnswersFile], fmt: str,
                  include_comments: bool = False) -> str:
    """:func:`report_on` the answers, rendered in ``fmt``."""
    return render(report_on(rs, answers, include_comments), fmt)
