"""`spinout import`: a survey export in, one answers file per respondent out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from spinout.commands import completion
from spinout.commands.options import RulesOpt

if TYPE_CHECKING:
    from spinout.answers.csv_import import Parsed
    from spinout.answers.sheets import Sheet
    from spinout.errors import Problem
    from spinout.ruleset.model import RuleSet

SHOWN_PROBLEMS = 10


Export = Annotated[Path, typer.Argument(metavar="EXPORT", autocompletion=completion.csv_files,
                                         help="Survey export (CSV or .xlsx), one respondent "
                                         "per row; `-` reads a CSV from standard input.")]
OutDir = Annotated[Path, typer.Option("--output", "-o", metavar="DIR",
                                      autocompletion=completion.folders,
                                      help="Folder for the answers files.")]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Show how each column is read and "
                                         "the first problems; write nothing.")]
EncodingOpt = Annotated[Optional[str], typer.Option(  # noqa: UP045
    "--encoding", metavar="NAME", help="The CSV's text encoding (default: UTF-8, or "
    "Windows-1252 when the file is not UTF-8).")]
IgnoreUnmatchedOpt = Annotated[bool, typer.Option(
    "--ignore-unmatched", help="Leave out columns that match no question instead of "
    "stopping.")]
SkipBadRowsOpt = Annotated[bool, typer.Option("--skip-bad-rows", help="Write the good rows "
                                              "even when some rows are bad.")]
AllowSkippedOpt = Annotated[bool, typer.Option(
    "--allow-skipped", help="With --skip-bad-rows: skipping rows is expected, so end with "
    "exit code 0.")]


def import_csv(
    csv_file: Export,
    out_dir: OutDir,
    dry_run: DryRunOpt = False,
    encoding: EncodingOpt = None,
    ignore_unmatched: IgnoreUnmatchedOpt = False,
    skip_bad_rows: SkipBadRowsOpt = False,
    allow_skipped: AllowSkippedOpt = False,
    rules: RulesOpt = None,
) -> None:
    """Turn a survey export (CSV or Excel) into one answers file per respondent.

    Columns are matched by question id, an [id] tag in the header, or the question's text;
    the platforms' metadata columns are recognised and left out.

    \b
    Examples:
      spinout import survey.csv -o answers/
      spinout import responses.xlsx -o answers/ --dry-run
      spinout import - -o answers/ < survey.csv
    """
    from spinout.commands.options import load_rules

    _refuse_standard_output(out_dir)
    rs = load_rules(rules)
    sheet, parsed = _parse(csv_file, encoding, rs, ignore_unmatched)
    if dry_run:
        _dry_run(sheet, parsed, rs)
        if parsed.problems:
            raise typer.Exit(1)
        return
    _write(sheet, parsed, out_dir, encoding, skip_bad_rows, allow_skipped)


def _refuse_standard_output(out_dir: Path) -> None:
    from spinout.output import is_stdio

    if is_stdio(out_dir):
        from spinout.errors import Problem, UsageError

        raise UsageError(Problem("-o", None, None, "import writes one file per respondent, so "
                                 "it needs a folder, not standard output", "give a folder, "
                                 "e.g. `-o answers/`"))


def _parse(csv_file: Path, encoding: str | None, rs: RuleSet,
           ignore_unmatched: bool) -> tuple[Sheet, Parsed]:
    """The export read (from standard input for `-`) and matched to the rule set."""
    from spinout.answers.csv_import import parse_export
    from spinout.answers.sheets import MAX_CSV_BYTES, read_sheet
    from spinout.output import STDIN_NAME, input_file, is_stdio
    from spinout.record import replace

    with input_file(csv_file, MAX_CSV_BYTES, ".csv") as readable:
        sheet = read_sheet(readable, encoding)
    if is_stdio(csv_file):
        sheet = replace(sheet, name=STDIN_NAME)
    return sheet, parse_export(sheet, rs, ignore_unmatched)


def _write(sheet: Sheet, parsed: Parsed, out_dir: Path, encoding: str | None,
           skip_bad_rows: bool, allow_skipped: bool) -> None:
    """Write one answers file per good row, refusing bad rows unless told to skip them."""
    from spinout.answers.import_files import write_rows
    from spinout.errors import CsvImportError
    from spinout.progress import progress
    from spinout.textsafe import one_line

    if parsed.problems and (not skip_bad_rows or not parsed.header_ok):
        raise CsvImportError(list(parsed.problems))
    _notes(sheet, parsed, encoding)
    for problem in parsed.problems:
        sys.stderr.write("skipped: " + one_line(str(problem)) + "\n")
    total = len(parsed.rows)
    with progress(f"Writing {total:,} answers files", total) as tracker:
        written, same = write_rows(parsed.rows, out_dir, tracker.advance)
    message = f"wrote {_files(written)} to {out_dir}"
    if same:
        message += f" ({same} already there, unchanged)"
    if parsed.bad_rows:
        message += f"; skipped {_skipped(parsed)}"
    sys.stdout.write(one_line(message) + "\n")
    if parsed.bad_rows and not allow_skipped:
        raise CsvImportError(_biased(sheet.name, parsed))


def _files(n: int) -> str:
    return f"{n} answers file{'s' if n != 1 else ''}"


def _skipped(parsed: Parsed) -> str:
    n = parsed.bad_rows
    why = ", ".join(f"{count} with {reason}" for reason, count in parsed.reasons.most_common())
    return f"{n} bad row{'s' if n != 1 else ''} ({why})"


def _biased(name: str, parsed: Parsed) -> Problem:
    from spinout.errors import Problem

    return Problem(name, None, None, f"{_skipped(parsed)} left out, so a group report on "
                   "these answers would rest on a subset of the respondents",
                   "fix those rows and import again, or pass --allow-skipped if leaving "
                   "them out is expected")


def _notes(sheet: Sheet, parsed: Parsed, encoding: str | None) -> None:
    """Say on stderr what was read in a way the user may not expect."""
    from spinout.answers.columns import IGNORED, META
    from spinout.output import warn
    from spinout.textsafe import one_line
    from spinout.values import clip

    notes = list(parsed.notes)
    if sheet.encoding == "cp1252" and encoding is None:
        notes.insert(0, f"{sheet.name}: not UTF-8, so read as Windows-1252 (give --encoding "
                     "to choose another)")
    if parsed.layout is not None:
        left = [c for c in parsed.layout.columns if c.kind in (META, IGNORED) and c.header]
        if left:
            names = ", ".join(f"`{one_line(clip(c.header, 30))}`" for c in left)
            sys.stderr.write(one_line(f"left out {len(left)} column"
                                      f"{'s' if len(left) != 1 else ''} (metadata, or no "
                                      f"answers): {names}") + "\n")
    warn(notes)


def _dry_run(sheet: Sheet, parsed: Parsed, rs: RuleSet) -> None:
    """How each column is read, which questions have no column, the first problems."""
    from spinout.answers import columns as cols
    from spinout.textsafe import one_line
    from spinout.values import clip, show

    kind = {"csv": f"CSV ({sheet.encoding}, `{sheet.delimiter}`-separated)".replace(
        "`\t`", "tab"), "xlsx": "Excel workbook"}["xlsx" if sheet.encoding == "xlsx" else "csv"]
    lay = parsed.layout
    rows = lay.header_rows if lay else 1
    out = [f"{sheet.name}: {kind}, {rows} header row{'s' if rows != 1 else ''}", "Columns:"]
    for c in lay.columns if lay else ():
        what = {cols.QUESTION: f"question `{c.question.id if c.question else ''}`",
                cols.OPTION: f"question `{c.question.id if c.question else ''}`, option "
                f"`{show(c.option)}`", cols.ROLE: "role", cols.ID: "respondent id",
                cols.STARTED: "started (date and time)",
                cols.UPDATED: "updated (date and time)", cols.META: "left out",
                cols.IGNORED: "left out", cols.UNMATCHED: "NOT MATCHED"}[c.kind]
        how = f" ({c.how})" if c.how else ""
        out.append(f"  {c.index:>4}  {one_line(clip(c.header or '(no header)', 48)):<48}  "
                   f"-> {what}{how}")
    used = {c.question.id for c in (lay.columns if lay else ()) if c.question is not None}
    missing = [q.id for q in rs.questions_in_order() if q.id not in used]
    if missing:
        out.append("Questions with no column: " + ", ".join(missing))
    if parsed.problems:
        out.append(f"Problems (the first {min(SHOWN_PROBLEMS, len(parsed.problems))} of "
                   f"{len(parsed.problems)}):")
        out += ["  " + one_line(str(p)) for p in parsed.problems[:SHOWN_PROBLEMS]]
    out += ["  note: " + one_line(n) for n in parsed.notes[:SHOWN_PROBLEMS]]
    good = len(parsed.rows)
    out.append(f"Would write {_files(good)}" + (f"; {_skipped(parsed)}" if parsed.bad_rows
                                                else "") + ". Nothing was written (--dry-run).")
    sys.stdout.write("\n".join(out) + "\n")
