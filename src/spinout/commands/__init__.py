"""The commands: one module each, every one a thin layer that reads its options, calls the
library and writes the result. :mod:`spinout.cli` puts them together; each imports what it
needs only when it runs, so `spinout --help` stays quick."""
