"""`spinout report`: answers files (or folders of them) in, a report out."""

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from spinout.commands import completion
from spinout.commands.options import OutputOpt, RulesOpt, format_option

if TYPE_CHECKING:
    from spinout.report.model import Report
    from spinout.ruleset.model import RuleSet


Inputs = Annotated[Optional[list[Path]], typer.Argument(  # noqa: UP045
    metavar="ANSWERS", autocompletion=completion.answers_files,
    help="Answers files, or folders of them (several make a group report); `-` reads one "
    "answers file from standard input.")]
SchemaOpt = Annotated[bool, typer.Option("--schema", help="Print the JSON Schema of JSON "
                                         "reports and exit.")]
CommentsOpt = Annotated[bool, typer.Option("--include-comments", help="Show free-text answers "
                                           "in group reports.")]
StaffCountOpt = Annotated[Optional[int], typer.Option(  # noqa: UP045
    "--staff-count", metavar="N", min=1, help="Staff in the service, for participation "
    "(default: the median answer to the staff count question).")]
ServiceOpt = Annotated[Optional[str], typer.Option(  # noqa: UP045
    "--service", metavar="NAME", help="The service or staff group the report is about "
    "(default: the name the answers files give).")]
BriefOpt = Annotated[bool, typer.Option("--brief", help="Write only the brief that opens the "
                                        "report (two printed pages).")]
AppendixOpt = Annotated[bool, typer.Option("--appendix/--no-appendix", help="End an HTML "
                                           "report with each cited passage in context.")]


def report(
    inputs: Inputs = None,
    output: OutputOpt = None,
    fmt: Annotated[Optional[str], format_option("md|html|json")] = None,  # noqa: UP045
    schema: SchemaOpt = False,
    include_comments: CommentsOpt = False,
    staff_count: StaffCountOpt = None,
    service: ServiceOpt = None,
    brief: BriefOpt = False,
    appendix: AppendixOpt = True,
    rules: RulesOpt = None,
) -> None:
    """Write a readiness report, with numbered citations, from one or many answers files.

    \b
    Examples:
      spinout report spinout-answers.yaml -o report.html
      spinout report answers/ -o group.md
      spinout report answers/ --service "Community nursing" --brief -o brief.html
      cat answers.yaml | spinout report - --format json -o -
    """
    if schema:
        from spinout.report.schema import schema_text

        sys.stdout.write(schema_text())
        return
    from spinout.output import check_output, format_for, write_output
    from spinout.report.build import FORMATS, render

    chosen = format_for(output, fmt, FORMATS)
    files = answers_paths(inputs or [])
    check_output(output, files)
    from spinout.commands.options import load_rules

    built = report_on_files(load_rules(rules), files, include_comments, staff_count, service)
    if not appendix:
        from spinout.record import replace

        built = replace(built, appendix=())
    write_output(output, render(built, chosen, brief_only=brief))


def answers_paths(inputs: Sequence[Path]) -> list[Path]:
    """The answers files named, folders expanded; ``-`` (standard input) only on its own."""
    from spinout.bulk import expand
    from spinout.errors import Problem, UsageError
    from spinout.output import is_stdio

    if not inputs:
        raise UsageError(Problem("spinout report", None, None, "no answers files given",
                                 "give an answers file or a folder of them, e.g. "
                                 "`spinout report spinout-answers.yaml`"))
    if any(is_stdio(p) for p in inputs):
        if len(inputs) > 1:
            raise UsageError(Problem("-", None, None, "standard input can only be read as "
                                     "the one answers file", "name the files instead, or "
                                     "report on standard input alone"))
        return [Path("-")]
    return expand(list(inputs))


def report_on_files(rs: "RuleSet", files: Sequence[Path], include_comments: bool = False,
                    staff_count: int | None = None, service: str | None = None) -> "Report":
    """The report on these answers files: individual for one, group for several (read and
    assessed on several processes when there are many). Files' warnings go to stderr; ``-``
    reads the one answers file from standard input."""
    from spinout import bulk
    from spinout.answers.store import MAX_ANSWERS_BYTES
    from spinout.output import input_file, warn
    from spinout.report.build import group, individual

    if len(files) == 1:
        with input_file(files[0], MAX_ANSWERS_BYTES, ".yaml") as path:
            checked = bulk.load_many([path], rs)
        warn(list(checked[0].warnings))
        return individual(rs, checked[0].answers, service=service)
    loaded = bulk.group_many(files, rs, include_comments=include_comments,
                             staff_count=staff_count)
    warn(list(loaded.warnings))
    return group(rs, loaded.group, service)
