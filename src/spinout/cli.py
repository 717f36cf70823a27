"""The command line: a typer app assembled from the commands in :mod:`spinout.commands`."""

from __future__ import annotations

from typing import Annotated

import typer

from spinout.commands import assess, compare, form, report, rules, sources, survey_import
from spinout.commands.clistyle import Command, Group

app = typer.Typer(
    name="spinout",
    help="Assess whether, and how, a public-sector team could spin out as an employee-led "
    "mutual. Every finding cites the source passage it rests on.\n\n"
    "Start with:  spinout assess",
    cls=Group,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from spinout import __version__

        typer.echo(f"spinout {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """spinout: readiness for spinning out a public service as an employee-led mutual."""


app.command(cls=Command)(assess.assess)
app.command(cls=Command)(report.report)
app.command(cls=Command)(compare.compare)
app.command(cls=Command)(form.form)
app.command("import", cls=Command)(survey_import.import_csv)
app.add_typer(rules.app, name="rules")
app.add_typer(sources.app, name="sources")
