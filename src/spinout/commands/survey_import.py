"""`spinout import`: a survey export in, one answers file per respondent out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from spinout.commands import completion
from spinout.commands.options import RulesOpt


def import_csv(
    csv_file: Annotated[Path, typer.Argument(metavar="CSV", autocompletion=completion.csv_files,
                                             help="Survey export, one respondent per row; "
                                             "`-` reads it from standard input.")],
    out_dir: Annotated[Path, typer.Option("--output", "-o", metavar="DIR",
                                          autocompletion=completion.folders,
                                          help="Folder for the answers files.")],
    skip_bad_rows: Annotated[bool, typer.Option("--skip-bad-rows", help="Write the good rows "
                                                "even when some rows are bad.")] = False,
    rules: RulesOpt = None,
) -> None:
    """Turn a survey export (CSV) into one answers file per respondent.

    \b
    Examples:
      spinout import survey.csv -o answers/
      curl -s https://survey.example/export.csv | spinout import - -o answers/
    """
    from spinout.answers.csv_import import MAX_CSV_BYTES, parse_csv, read_csv, write_rows
    from spinout.commands.options import load_rules
    from spinout.errors import CsvImportError
    from spinout.output import STDIN_NAME, input_file, is_stdio
    from spinout.progress import progress
    from spinout.textsafe import one_line

    if is_stdio(out_dir):
        from spinout.errors import Problem, UsageError

        raise UsageError(Problem("-o", None, None, "import writes one file per respondent, so "
                                 "it needs a folder, not standard output", "give a folder, "
                                 "e.g. `-o answers/`"))
    rs = load_rules(rules)
    with input_file(csv_file, MAX_CSV_BYTES, ".csv") as readable:
        text = read_csv(readable)
    parsed = parse_csv(text, STDIN_NAME if is_stdio(csv_file) else str(csv_file), rs)
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
