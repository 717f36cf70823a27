"""The command line: a typer app assembled from the commands in :mod:`spinout.commands`.

:func:`app_for` builds it for one run. When the arguments name a command, only that command is
put in (its module imported, its options built); the top-level help, completion and an unknown
command get every command. :data:`COMMANDS` lists them in the order the help shows them.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Annotated

import typer

from spinout.commands.clistyle import Command, Group

# command name -> (module in spinout.commands, what it holds: a function, or "app" for a group)
COMMANDS: dict[str, tuple[str, str]] = {
    "assess": ("assess", "assess"),
    "report": ("report", "report"),
    "compare": ("compare", "compare"),
    "form": ("form", "form"),
    "import": ("survey_import", "import_csv"),
    "rules": ("rules", "app"),
    "sources": ("sources", "app"),
}


def app_for(args: Sequence[str] = ()) -> typer.Typer:
    """The command line for ``args``: the command they start with, or every command."""
    first = args[0] if args else None
    names = [first] if first in COMMANDS else list(COMMANDS)
    app = _app()
    for name in names:
        module, attribute = COMMANDS[name]
        found = getattr(importlib.import_module(f"spinout.commands.{module}"), attribute)
        if attribute == "app":
            app.add_typer(found, name=name)
        else:
            app.command(name, cls=Command)(found)
    return app


def _app() -> typer.Typer:
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
    app.callback()(_main)
    return app


def _version(value: bool) -> None:
    if value:
        from spinout import __version__

        typer.echo(f"spinout {__version__}")
        raise typer.Exit()


def _main(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """spinout: readiness for spinning out a public service as an employee-led mutual."""


