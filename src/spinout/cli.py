"""The command line: a thin typer layer over the library. Each command imports what it needs
when it runs, so `spinout --help` stays quick."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(
    name="spinout",
    help="Assess whether, and how, a public-sector team could spin out as an employee-led "
    "mutual. Every finding cites the source passage it rests on.\n\n"
    "Start with:  spinout assess",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
rules_app = typer.Typer(help="Check, copy, inspect and describe the rule set (for editors).\n\n"
                        "Example:  spinout rules check --rules my-rules", no_args_is_help=True)
sources_app = typer.Typer(help="The source documents and how often each is cited.\n\n"
                          "Example:  spinout sources show le_grand", invoke_without_command=True)
app.add_typer(rules_app, name="rules")
app.add_typer(sources_app, name="sources")

RulesOpt = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads Optional
    typer.Option("--rules", metavar="DIR",
                 help="Use the rule set in DIR (a rules folder, or a folder holding rules/) "
                 "instead of the bundled one."),
]


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


def _load(rules: Path | None):  # noqa: ANN202 - RuleSet, imported lazily
    from spinout.ruleset.loader import load_ruleset

    return load_ruleset(rules)


# --- the main jobs ---------------------------------------------------------------------------


@app.command()
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


@app.command()
def report(
    inputs: Annotated[Optional[list[Path]], typer.Argument(  # noqa: UP045
        metavar="ANSWERS...", help="Answers files, or folders of them (several make a group "
        "report).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE",  # noqa: UP045
                                                   help="Write here (default: stdout).")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", metavar="md|html|json",  # noqa: UP045
                                               help="Output format (default: from the -o "
                                               "suffix, else md).")] = None,
    schema: Annotated[bool, typer.Option("--schema", help="Print the JSON Schema of JSON "
                                         "reports and exit.")] = False,
    include_comments: Annotated[bool, typer.Option("--include-comments", help="Show free-text "
                                                   "answers in group reports.")] = False,
    staff_count: Annotated[Optional[int], typer.Option(  # noqa: UP045
        "--staff-count", metavar="N", min=1, help="Staff in the service, for participation "
        "(default: the median answer to the staff count question).")] = None,
    rules: RulesOpt = None,
) -> None:
    """Write a readiness report, with numbered citations, from one or many answers files.

    Examples:  spinout report spinout-answers.yaml -o report.html
               spinout report answers/ -o group.md
    """
    from spinout.report.command import run_report

    run_report(inputs=inputs or [], output=output, fmt=fmt, schema=schema,
               include_comments=include_comments, rules_dir=rules, staff_count=staff_count)


@app.command()
def compare(
    old: Annotated[Path, typer.Argument(metavar="OLD", help="Earlier answers file or JSON "
                                        "report.")],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="Later answers file or JSON "
                                        "report.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE",  # noqa: UP045
                                                   help="Write here (default: stdout).")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", metavar="md|json",  # noqa: UP045
                                               help="Output format.")] = None,
    rules: RulesOpt = None,
) -> None:
    """Show what moved between two assessments of the same group.

    Example:  spinout compare march.yaml september.yaml
    """
    from spinout.report.compare import run_compare

    run_compare(old=old, new=new, output=output, fmt=fmt, rules_dir=rules)


@app.command()
def form(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE",  # noqa: UP045
                                                   help="Write here (default: stdout).")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", metavar="md|html|csv",  # noqa: UP045
                                               help="Output format (default: from the -o "
                                               "suffix, else md).")] = None,
    rules: RulesOpt = None,
) -> None:
    """Print the questionnaire as a paper form, or a CSV template for survey tools.

    Examples:  spinout form -o form.html
               spinout form -o template.csv
    """
    from spinout.forms import run_form

    run_form(output=output, fmt=fmt, rules_dir=rules)


@app.command("import")
def import_csv(
    csv_file: Annotated[Path, typer.Argument(metavar="CSV", help="Survey export, one "
                                             "respondent per row.")],
    out_dir: Annotated[Path, typer.Option("--output", "-o", metavar="DIR",
                                          help="Folder for the answers files.")],
    skip_bad_rows: Annotated[bool, typer.Option("--skip-bad-rows", help="Write the good rows "
                                                "even when some rows are bad.")] = False,
    rules: RulesOpt = None,
) -> None:
    """Turn a survey export (CSV) into one answers file per respondent.

    Example:  spinout import survey.csv -o answers/
    """
    from spinout.answers.csv_import import run_import

    run_import(csv_path=csv_file, out_dir=out_dir, skip_bad_rows=skip_bad_rows, rules_dir=rules)


# --- rules -----------------------------------------------------------------------------------


@rules_app.command("check")
def rules_check(rules: RulesOpt = None) -> None:
    """Check the rule set: schema, references, conditions and every citation.

    Prints a one-line summary, or every problem as file:line:col and exits 1.

    Example:  spinout rules check --rules my-rules
    """
    from spinout.ruleset.describe import summary

    typer.echo(summary(_load(rules)))


@rules_app.command("init")
def rules_init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to create.")],
) -> None:
    """Copy the bundled rule set (and its sources) into DIR to edit.

    Example:  spinout rules init my-rules && spinout rules check --rules my-rules
    """
    from spinout.ruleset.describe import init

    typer.echo(init(directory))


@rules_app.command("schema")
def rules_schema() -> None:
    """Print the JSON Schema of a rule file, for editor completion and validation.

    Example:  spinout rules schema > rules.schema.json
    """
    from spinout.ruleset.describe import schema_json

    typer.echo(schema_json())


@rules_app.command("show")
def rules_show(
    item: Annotated[Optional[str], typer.Argument(metavar="ID",  # noqa: UP045
                                                  help="Show one item.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the normalised rule set as "
                                          "JSON.")] = False,
    rules: RulesOpt = None,
) -> None:
    """Show the rule set, or one item with its citations.

    Example:  spinout rules show bond_requirements
    """
    from spinout.ruleset import describe

    rs = _load(rules)
    if as_json:
        typer.echo(describe.to_json(rs, item))
    else:
        describe.show(rs, item)


# --- sources ---------------------------------------------------------------------------------


@sources_app.callback()
def sources_list(ctx: typer.Context, rules: RulesOpt = None) -> None:
    """List the source documents with how often each is cited.

    Example:  spinout sources
    """
    if ctx.invoked_subcommand is None:
        from spinout.ruleset.describe import list_sources

        list_sources(_load(rules))


@sources_app.command("show")
def sources_show(
    source: Annotated[str, typer.Argument(metavar="ID", help="Source id.")],
    rules: RulesOpt = None,
) -> None:
    """Print a source document with line numbers.

    Example:  spinout sources show le_grand
    """
    from spinout.ruleset.describe import show_source

    show_source(_load(rules), source)
