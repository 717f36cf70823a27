"""Options several commands share, and loading the rule set they name."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from spinout.commands import completion

if TYPE_CHECKING:
    from spinout.ruleset.model import RuleSet

RULES_ENV = "SPINOUT_RULES"

RulesOpt = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads Optional
    typer.Option("--rules", metavar="DIR", envvar=RULES_ENV,
                 autocompletion=completion.folders,
                 help="Use the rule set in DIR (a rules folder, or a folder holding rules/) "
                 "instead of the bundled one."),
]
OutputOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--output", "-o", metavar="FILE", autocompletion=completion.output_files,
                 help="Write here; `-` is standard output (default: standard output)."),
]


def format_option(formats: str, what: str = "Output format") -> typer.models.OptionInfo:
    """``--format`` naming the formats a command writes, e.g. ``md|html|json``."""
    return typer.Option("--format", metavar=formats, autocompletion=completion.formats(formats),
                        help=f"{what}: {formats.replace('|', ', ')} (default: from the -o "
                        f"suffix, else {formats.split('|')[0]}).")


def load_rules(rules: Path | None) -> RuleSet:
    from spinout.ruleset.loader import load_ruleset

    return load_ruleset(rules)
