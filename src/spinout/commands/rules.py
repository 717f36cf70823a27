"""`spinout rules check|init|schema|show`: for editors of the rule set."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from spinout.commands.options import RulesOpt, load_rules

app = typer.Typer(help="Check, copy, inspect and describe the rule set (for editors).\n\n"
                  "Example:  spinout rules check --rules my-rules", no_args_is_help=True)


@app.command("check")
def check(rules: RulesOpt = None) -> None:
    """Check the rule set: schema, references, conditions and every citation.

    Prints a one-line summary, or every problem as file:line:col and exits 1.

    Example:  spinout rules check --rules my-rules
    """
    from spinout.ruleset.describe import summary

    typer.echo(summary(load_rules(rules)))


@app.command("init")
def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to create.")],
) -> None:
    """Copy the bundled rule set (and its sources) into DIR to edit.

    Example:  spinout rules init my-rules && spinout rules check --rules my-rules
    """
    from spinout.ruleset.describe import init as copy_rules

    typer.echo(copy_rules(directory))


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of a rule file, for editor completion and validation.

    Example:  spinout rules schema > rules.schema.json
    """
    from spinout.ruleset.describe import schema_json

    typer.echo(schema_json())


@app.command("show")
def show(
    item: Annotated[Optional[str], typer.Argument(metavar="ID",  # noqa: UP045
                                                  help="Show one item.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the normalised rule set as "
                                          "JSON.")] = False,
    rules: RulesOpt = None,
) -> None:
    """Show the rule set, or one item with its citations.

    Example:  spinout rules show bond_requirements
    """
    rs = load_rules(rules)
    if as_json:
        from spinout.ruleset.describe import to_json

        typer.echo(to_json(rs, item))
    else:
        from spinout.rules_view import show as show_rules

        show_rules(rs, item)
