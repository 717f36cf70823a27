"""Options several commands share, and loading the rule set they name."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from spinout.ruleset.model import RuleSet

RulesOpt = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads Optional
    typer.Option("--rules", metavar="DIR",
                 help="Use the rule set in DIR (a rules folder, or a folder holding rules/) "
                 "instead of the bundled one."),
]
OutputOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--output", "-o", metavar="FILE", help="Write here (default: stdout)."),
]


def load_rules(rules: Path | None) -> RuleSet:
    from spinout.ruleset.loader import load_ruleset

    return load_ruleset(rules)
