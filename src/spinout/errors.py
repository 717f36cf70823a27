"""Error types. Each file kind has one exception carrying located problems; the CLI maps them
to exit codes in one place. This module is the error boundary every command imports first, so
it uses nothing beyond the standard library."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with an input file, with where it is and how to fix it. Immutable and
    ordered by file, line and column, like the records of :mod:`spinout.record`."""

    file: str
    line: int | None
    col: int | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        text = f"{where}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class SpinoutError(Exception):
    """Base of every expected failure: bad input or a failed check (exit code 1)."""

    exit_code = 1

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("spinout", None, None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(map(str, self.problems)))


class YamlFileError(SpinoutError):
    """A YAML file could not be read safely (syntax, encoding, size, tags, aliases)."""


class RulesError(SpinoutError):
    """The rule set is invalid."""


class AnswersError(SpinoutError):
    """An answers file is invalid or does not fit the rule set."""


class CsvImportError(SpinoutError):
    """A CSV import has bad cells."""


class OutputError(SpinoutError):
    """An output file cannot be written where asked."""


class UsageError(SpinoutError):
    """The command was called wrongly (exit code 2)."""

    exit_code = 2
