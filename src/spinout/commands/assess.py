"""`spinout assess`: the questionnaire in the terminal, then the report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from spinout.commands.options import RulesOpt


def assess(
    answers: Annotated[Path, typer.Option("--answers", metavar="FILE",
                                          help="Answers file; resumed if it exists.")]
    = Path("spinout-answers.yaml"),
    out: Annotated[Path, typer.Option("--out", metavar="REPORT",
                                      help="Where to write the report at the end.")]
    = Path("spinout-report.md"),
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt: write the report "
                                           "from complete answers, or list what is missing.")]
    = False,
    rules: RulesOpt = None,
) -> None:
    """Work through the readiness questionnaire in the terminal, then get a report.

    Every answer is saved at once; run the same command again to resume.

    Example:  spinout assess --answers team-a.yaml --out team-a-report.html
    """
    from spinout.questionnaire.session import run_assess

    run_assess(answers_path=answers, rules_dir=rules, out=out, no_input=no_input)
