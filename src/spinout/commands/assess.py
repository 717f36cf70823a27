"""`spinout assess`: the questionnaire in the terminal, then the report."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from spinout.commands import completion
from spinout.commands.options import RulesOpt

DEFAULT_REPORT = Path("spinout-report.html")


def assess(
    answers: Annotated[Path, typer.Option("--answers", metavar="FILE",
                                          autocompletion=completion.answers_files,
                                          help="Answers file; resumed if it exists.")]
    = Path("spinout-answers.yaml"),
    output: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--output", "-o", metavar="FILE", autocompletion=completion.output_files,
        help="Where to write the report at the end: .md, .html or .json; `-` is standard "
        f"output (default: {DEFAULT_REPORT}).")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", hidden=True)] = None,  # noqa: UP045
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt: write the report "
                                           "from complete answers, or list what is missing.")]
    = False,
    service: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--service", metavar="NAME", help="The name of the service or staff group, kept in "
        "the answers file and shown on the report.")] = None,
    rules: RulesOpt = None,
) -> None:
    """Work through the readiness questionnaire in the terminal, then get a report.

    Every answer is saved at once; run the same command again to resume.

    \b
    Examples:
      spinout assess
      spinout assess --answers team-a.yaml -o team-a-report.html
      spinout assess --service "Community nursing, North" -o report.md
    """
    from spinout.questionnaire.session import run_assess

    if output is not None and out is not None and output != out:
        from spinout.errors import Problem, UsageError

        raise UsageError(Problem("--out", None, None, "both --output and --out are given",
                                 "give the report's name once, with -o/--output"))
    report = output or out or DEFAULT_REPORT
    run_assess(answers_path=answers, rules_dir=rules, out=report, no_input=no_input,
               service=service)
