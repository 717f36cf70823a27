"""`spinout compare`: what moved between two assessments of the same group."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from spinout.commands.options import OutputOpt, RulesOpt


def compare(
    old: Annotated[Path, typer.Argument(metavar="OLD", help="Earlier answers file or JSON "
                                        "report.")],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="Later answers file or JSON "
                                        "report.")],
    output: OutputOpt = None,
    fmt: Annotated[Optional[str], typer.Option("--format", metavar="md|json",  # noqa: UP045
                                               help="Output format.")] = None,
    rules: RulesOpt = None,
) -> None:
    """Show what moved between two assessments of the same group.

    Example:  spinout compare march.yaml september.yaml
    """
    from spinout.output import check_output, format_for, write_output
    from spinout.report import compare as comparing

    chosen = format_for(output, fmt, comparing.FORMATS)
    check_output(output, [old, new])
    loader = _RulesOnce(rules)
    sides = (read_side(Path(old), loader), read_side(Path(new), loader))
    comparing.check_same_rules(*sides)
    data = comparing.comparison(*sides)
    write_output(output, comparing.to_json(data) if chosen == "json"
                 else comparing.to_markdown(data))


class _RulesOnce:
    """Loads the rule set once, and only when an answers file needs it."""

    def __init__(self, rules_dir: Path | None) -> None:
        self.rules_dir = rules_dir
        self._rs: object = None

    def get(self):  # noqa: ANN201 - RuleSet, imported lazily
        if self._rs is None:
            from spinout.commands.options import load_rules

            self._rs = load_rules(self.rules_dir)
        return self._rs


def read_side(path: Path, loader: _RulesOnce):  # noqa: ANN201 - Side, imported lazily
    """A JSON report as it is, or answers (a file or folder) made into one."""
    from spinout.report.compare import Side, read_json_report

    report = read_json_report(path) if path.is_file() else None
    if report is not None:
        return Side(_label(path), report)
    from spinout.bulk import expand
    from spinout.commands.report import report_on_files
    from spinout.report.json_report import to_data

    return Side(_label(path), to_data(report_on_files(loader.get(), expand([path]))))


def _label(path: Path) -> str:
    """The path as text that any output can hold: bytes that are not UTF-8 (a folder name
    from another system) shown as U+FFFD."""
    import os

    return os.fsencode(path).decode("utf-8", errors="replace")
