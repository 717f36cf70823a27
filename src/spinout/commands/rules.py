"""`spinout rules check|init|schema|show`: for editors of the rule set."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from spinout.commands import completion
from spinout.commands.clistyle import Command, Group
from spinout.commands.options import RulesOpt, load_rules

app = typer.Typer(help="Check, copy, inspect and describe the rule set (for editors).\n\n"
                  "\b\nExample:\n  spinout rules check --rules my-rules", cls=Group,
                  no_args_is_help=True)


@app.command("check", cls=Command)
def check(rules: RulesOpt = None) -> None:
    """Check the rule set: schema, references, conditions and every citation.

    Prints a one-line summary, or every problem as file:line:col and exits 1.

    \b
    Example:
      spinout rules check --rules my-rules
    """
    from spinout.ruleset.describe import check_summary

    typer.echo(check_summary(rules))


@app.command("init", cls=Command)
def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to create.",
                                              autocompletion=completion.folders)],
) -> None:
    """Copy the bundled rule set (and its sources) into DIR to edit.

    \b
    Example:
      spinout rules init my-rules && spinout rules check --rules my-rules
    """
    from spinout.ruleset.describe import init as copy_rules

    typer.echo(copy_rules(directory))


@app.command("schema", cls=Command)
def schema() -> None:
    """Print the JSON Schema of a rule file, for editor completion and validation.

    \b
    Example:
      spinout rules schema > rules.schema.json
    """
    from spinout.ruleset.describe import schema_json

    typer.echo(schema_json())


@app.command("show", cls=Command)
def show(
    item: Annotated[Optional[str], typer.Argument(  # noqa: UP045
        metavar="ID", help="Show one item.", autocompletion=completion.rule_ids)] = None,
    fmt: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--format", metavar="text|json", autocompletion=completion.formats("text|json"),
        help="Output format: text (default) or json, the normalised rule set.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The same as --format json.")]
    = False,
    rules: RulesOpt = None,
) -> None:
    """Show the rule set, or one item with its citations.

    \b
    Examples:
      spinout rules show asset_lock
      spinout rules show --format json > rules.json
    """
    if fmt is not None and fmt.strip().lower() not in ("text", "json"):
        from spinout.errors import Problem, UsageError

        raise UsageError(Problem("--format", None, None, f"unknown format `{fmt}`",
                                 "use one of text, json"))
    rs = load_rules(rules)
    if as_json or (fmt or "").strip().lower() == "json":
        from spinout.ruleset.describe import to_json

        typer.echo(to_json(rs, item))
    else:
        from spinout.rules_view import show as show_rules

        show_rules(rs, item)
