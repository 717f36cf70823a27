"""`spinout sources [show ID]`: the source documents and how often each is cited."""

from typing import Annotated

import typer

from spinout.commands import completion
from spinout.commands.clistyle import Command, Group
from spinout.commands.options import RulesOpt, load_rules

app = typer.Typer(help="The source documents and how often each is cited.\n\n"
                  "\b\nExample:\n  spinout sources show le_grand", cls=Group,
                  invoke_without_command=True)


@app.callback()
def sources(ctx: typer.Context, rules: RulesOpt = None) -> None:
    """List the source documents with how often each is cited.

    \b
    Example:
      spinout sources
    """
    if ctx.invoked_subcommand is None:
        from spinout.rules_view import list_sources

        list_sources(load_rules(rules))


@app.command("show", cls=Command)
def show(
    source: Annotated[str, typer.Argument(metavar="ID", help="Source id.",
                                          autocompletion=completion.source_ids)],
    rules: RulesOpt = None,
) -> None:
    """Print a source document with line numbers.

    \b
    Example:
      spinout sources show le_grand
    """
    from spinout.rules_view import show_source

    show_source(load_rules(rules), source)
