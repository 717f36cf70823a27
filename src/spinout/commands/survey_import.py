"""`spinout import`: a survey export in, one answers file per respondent out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from spinout.commands.options import RulesOpt


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
    from spinout.answers.csv_import import parse_csv, read_csv, write_rows
    from spinout.commands.options import load_rules
    from spinout.errors import CsvImportError
    from spinout.progress import progress
    from spinout.textsafe import one_line

    rs = load_rules(rules)
    parsed = parse_csv(read_csv(csv_file), str(csv_file), rs)
    if parsed.problems and not skip_bad_rows:
        raise CsvImportError(list(parsed.problems))
    for problem in parsed.problems:
        sys.stderr.write("skipped: " + one_line(str(problem)) + "\n")
    total = len(parsed.rows)
    with progress(f"Writing {total:,} answers files", total) as tracker:
        written, same = write_rows(parsed.rows, out_dir, tracker.advance)
    message = f"wrote {_files(written)} to {out_dir}"
    if same:
        message += f" ({same} already there, unchanged)"
    if parsed.bad_rows:
        message += f"; skipped {parsed.bad_rows} bad row{'s' if parsed.bad_rows != 1 else ''}"
    sys.stdout.write(one_line(message) + "\n")


def _files(n: int) -> str:
    return f"{n} answers file{'s' if n != 1 else ''}"
