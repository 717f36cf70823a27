"""Entry point and the one error boundary: every failure becomes a message and an exit code.

Exit codes:

- 0 success;
- 1 bad input or a failed check (one ``file:line:col: what — how to fix`` line per problem),
  and, silently, output cut short by a closed pipe (``spinout ... | head``);
- 2 usage (unknown command or option, missing argument, an output name whose suffix names no
  format the command writes; also ``spinout`` with no command, which prints the help);
- 70 an unexpected internal error: one short line on stderr naming a log file that holds the
  traceback (``EX_SOFTWARE`` from sysexits.h);
- 130 interrupted (Ctrl-C, or end of input at a prompt).

``--version`` is answered before typer is imported; ``--help``, and a command's ``--help``,
import typer but not rich, pydantic, PyYAML or the questionnaire, so they stay quick (see
benchmarks/bench_startup.py).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spinout.errors import SpinoutError

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 70, 130


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code; never raises, never prints a traceback."""
    args = sys.argv[1:] if argv is None else list(argv)
    _tolerate_narrow_encodings()
    try:
        if args in (["--version"], ["-V"]):
            from spinout import __version__

            sys.stdout.write(f"spinout {__version__}\n")
            sys.stdout.flush()
            return EXIT_OK
        return _run(args)
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrupted.\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BAD_INPUT


def _tolerate_narrow_encodings() -> None:
    """On a terminal or pipe that cannot encode every character (an ASCII or Latin-1 locale,
    a Windows code page), print a replacement character instead of failing."""
    import contextlib

    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="replace")


def _click_errors() -> tuple[type[BaseException], type[BaseException]]:
    """typer's ClickException and UsageError (typer >= 0.2x carries its own copy of click)."""
    try:
        from typer._click import exceptions as errors
    except ImportError:  # pragma: no cover - older typer on the real click
        from click import exceptions as errors  # type: ignore[import-not-found,no-redef]
    return errors.ClickException, errors.UsageError


def _run(args: list[str]) -> int:
    import typer

    from spinout.errors import SpinoutError

    click_error, usage_error = _click_errors()
    try:
        from spinout.cli import app_for

        result = app_for(args)(args, prog_name="spinout", standalone_mode=False)
        return result if isinstance(result, int) else EXIT_OK
    except SpinoutError as exc:
        _error_lines(exc)
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except usage_error as exc:
        exc.show()  # type: ignore[attr-defined]
        return EXIT_USAGE
    except click_error as exc:
        exc.show()  # type: ignore[attr-defined]
        return getattr(exc, "exit_code", EXIT_BAD_INPUT) or EXIT_BAD_INPUT
    except (KeyboardInterrupt, EOFError, typer.Abort):
        sys.stderr.write("\nInterrupted.\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BAD_INPUT
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    except OSError as exc:
        if not _name_too_long(exc):
            sys.stderr.write(f"spinout: internal error; {_log_exception(args)}\n")
            return EXIT_INTERNAL
        return EXIT_BAD_INPUT
    except Exception:  # noqa: BLE001 - the boundary: log the details, print one line
        sys.stderr.write(f"spinout: internal error; {_log_exception(args)}\n")
        return EXIT_INTERNAL


def _name_too_long(exc: OSError) -> bool:
    """A path given on the command line with a name longer than the system allows (255 bytes
    on most): one located line, as for any bad input."""
    import errno

    from spinout.errors import Problem, SpinoutError

    if exc.errno != errno.ENAMETOOLONG or exc.filename is None:
        return False
    name = os.fsencode(exc.filename).decode("utf-8", errors="replace")
    _error_lines(SpinoutError(Problem(name, None, None, "a file or folder name is too long for "
                                      "this system (most allow 255 bytes per name)",
                                      "use a shorter name")))
    return True


def _error_lines(exc: SpinoutError) -> None:
    from spinout.textsafe import one_line

    problems = exc.problems
    for problem in problems:
        sys.stderr.write(one_line(str(problem)) + "\n")
    if len(problems) > 1:
        sys.stderr.write(f"{len(problems)} problems found.\n")


def _silence_stdout() -> None:
    """After a closed pipe (``spinout ... | head``), stop Python complaining at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _log_exception(args: list[str]) -> str:
    """Write the traceback to a log file; return the sentence that tells the user where."""
    import os
    import tempfile
    import traceback

    from spinout import __version__

    try:
        fd, path = tempfile.mkstemp(prefix="spinout-error-", suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as handle:
            handle.write(f"spinout {__version__}, Python {sys.version.split()[0]}\n")
            handle.write("arguments: " + " ".join(map(repr, args)) + "\n\n")
            traceback.print_exc(file=handle)
    except OSError as exc:
        return f"the details could not be logged ({exc.strerror or exc})"
    return f"details were written to {path} (please include it when reporting the problem)"


def run() -> None:
    """The ``spinout`` command: :func:`main`, then exit with its code. (Tests call
    :func:`main`, never this.)

    The cycle collector is off while a command starts: a command's imports make hundreds of
    thousands of objects that live until it exits, and scanning them again and again cost a
    short command a twentieth of its time. The work that runs long or leaves cyclic garbage as
    it goes turns it back on: the questionnaire (:func:`spinout.questionnaire.session.run_assess`)
    and reading many answers files (:mod:`spinout.bulk`). Before exiting, every object still
    alive is frozen out of the collector (``gc.freeze``): the process is ending, and the
    collection the interpreter would otherwise run over all of them as it shuts down costs a
    short command a tenth of its time."""
    import gc

    gc.disable()
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
