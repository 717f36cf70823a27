"""The commands: one module each, every one a thin layer that reads its options, calls the
library and writes the result. :mod:`spinout.cli` puts them together; each imports what it
needs only when it runs, so `spinout --help` stays quick. Most modules typer reads signatures
from (assess, compare, report, rules, sources and the completers) leave out ``from __future__
import annotations``: typer reads every signature each time it builds the command line, and
annotations that are already objects cost it nothing, where strings are evaluated again."""
