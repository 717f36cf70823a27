"""`spinout compare`: what moved between two assessments of the same group."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from spinout.commands import completion
from spinout.commands.options import OutputOpt, RulesOpt, format_option


def compare(
    old: Annotated[Path, typer.Argument(metavar="OLD", autocompletion=completion.answers_or_reports,
                                        help="Earlier answers file, folder or JSON report.")],
    new: Annotated[Path, typer.Argument(metavar="NEW", autocompletion=completion.answers_or_reports,
                                        help="Later answers file, folder or JSON report; "
                                        "either one may be `-`, standard input.")],
    output: OutputOpt = None,
    fmt: Annotated[Optional[str], format_option("md|html|json")] = None,  # noqa: UP045
    rules: RulesOpt = None,
) -> None:
    """Show what moved between two assessments of the same group.

    \b
    Examples:
      spinout compare march.yaml september.yaml
      spinout compare march.json september.json -o moved.html
      spinout report answers/ --format json -o - | spinout compare march.json -
    """
    from spinout.errors import Problem, UsageError
    from spinout.output import check_output, format_for, is_stdio, write_output
    from spinout.report import compare as comparing

    chosen = format_for(output, fmt, comparing.FORMATS)
    if is_stdio(old) and is_stdio(new):
        raise UsageError(Problem("-", None, None, "standard input can be read only once",
                                 "give one of the two as a file"))
    check_output(output, [old, new])
    loader = _RulesOnce(rules)
    sides = (read_side(Path(old), loader), read_side(Path(new), loader))
    comparing.check_same_rules(*sides)
    data = comparing.comparison(*sides)
    write_output(output, _render(chosen, data, sides[1].data))


def _render(fmt: str, data: dict, later: dict) -> str:
    """The comparison in the chosen format; HTML also shows what the later report says of
    its rule set and service."""
    if fmt == "json":
        from spinout.report.compare import to_json

        return to_json(data)
    if fmt == "html":
        from spinout.report.compare_html import to_html

        return to_html(data, later)
    from spinout.report.compare_markdown import to_markdown

    return to_markdown(data)


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
    """A JSON report as it is, or answers (a file or folder, or ``-``: standard input) made
    into one."""
    from spinout.output import STDIN_NAME, input_file, is_stdio
    from spinout.report.compare import MAX_REPORT_BYTES, Side, read_json_report

    name = STDIN_NAME if is_stdio(path) else _label(path)
    with input_file(path, MAX_REPORT_BYTES, ".json") as readable:
        report = read_json_report(readable) if readable.is_file() else None
        if report is not None:
            return Side(name, report)
        from spinout.commands.report import answers_paths, report_on_files
        from spinout.report.json_report import to_data

        files = [readable] if is_stdio(path) else answers_paths([path])
        return Side(name, to_data(report_on_files(loader.get(), files)))


def _label(path: Path) -> str:
    """The path as text that any output can hold: bytes that are not UTF-8 (a folder name
    from another system) shown as U+FFFD."""
    import os

    return os.fsencode(path).decode("utf-8", errors="replace")
