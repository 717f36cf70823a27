"""`spinout report`: answers files (or folders of them) in, a report out."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spinout.errors import Problem, UsageError
from spinout.report.build import check_output, format_for, render, write_output

MAX_WARNINGS = 20


def run_report(inputs: Sequence[Path], output: Path | None, fmt: str | None, schema: bool,
               include_comments: bool, rules_dir: Path | None,
               staff_count: int | None = None) -> None:
    if schema:
        from spinout.report.schema import schema_text

        sys.stdout.write(schema_text())
        return
    if not inputs:
        raise UsageError(Problem("spinout report", None, None, "no answers files given",
                                 "give an answers file or a folder of them, e.g. "
                                 "`spinout report spinout-answers.yaml`"))
    from spinout.answers.bulk import expand

    chosen = format_for(output, fmt)
    files = expand([Path(p) for p in inputs])
    check_output(output, files)
    from spinout.ruleset.loader import load_ruleset

    rs = load_ruleset(rules_dir)
    report = build_report(rs, files, include_comments, staff_count)
    write_output(output, render(report, chosen))


def build_report(rs: Any, files: Sequence[Path], include_comments: bool = False,
                 staff_count: int | None = None) -> Any:
    """The report on these answers files: individual for one, group for several. A group's
    staff count is ``staff_count`` when given, else the median answer to the rule set's
    staff count question."""
    from spinout.answers import bulk

    if len(files) == 1:
        from spinout.report.individual import individual_report

        checked = bulk.load_many(files, rs)
        show_warnings(checked)
        return individual_report(rs, checked[0].answers)
    from spinout.report.group_report import build

    loaded = bulk.group_many(files, rs, include_comments=include_comments,
                             staff_count=staff_count)
    _print_warnings(list(loaded.warnings))
    return build(rs, loaded.group)


def show_warnings(checked: Sequence[Any]) -> None:
    """Print the answers files' warnings on stderr, at most :data:`MAX_WARNINGS` of them."""
    _print_warnings([w for c in checked for w in c.warnings])


def _print_warnings(warnings: Sequence[Any]) -> None:
    from spinout.textsafe import strip_controls

    for warning in warnings[:MAX_WARNINGS]:
        sys.stderr.write("warning: " + strip_controls(str(warning)) + "\n")
    if len(warnings) > MAX_WARNINGS:
        sys.stderr.write(f"… and {len(warnings) - MAX_WARNINGS} more warnings.\n")
