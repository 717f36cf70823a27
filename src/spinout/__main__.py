"""Entry point and the one error boundary: every failure becomes a message and an exit code.

Exit codes: 0 success; 1 bad input or a failed check; 2 usage; 130 interrupted; 70 an
unexpected internal error (details in a log file whose path is printed).
"""

from __future__ import annotations

import sys

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 70, 130


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if args in (["--version"], ["-V"]):
        from spinout import __version__

        sys.stdout.write(f"spinout {__version__}\n")
        return EXIT_OK
    return _run(args)


def _run(args: list[str]) -> int:
    import click

    from spinout.errors import SpinoutError

    try:
        from spinout.cli import app

        result = app(args, prog_name="spinout", standalone_mode=False)
        return result if isinstance(result, int) else EXIT_OK
    except SpinoutError as exc:
        _error_lines(exc)
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.UsageError as exc:
        exc.show()
        return EXIT_USAGE
    except click.ClickException as exc:
        exc.show()
        return EXIT_BAD_INPUT
    except (KeyboardInterrupt, click.exceptions.Abort):
        sys.stderr.write("\nInterrupted.\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception:  # noqa: BLE001 - the boundary: log the details, print one line
        path = _log_exception()
        sys.stderr.write(f"spinout: internal error; details were written to {path}\n")
        return EXIT_INTERNAL


def _error_lines(exc: BaseException) -> None:
    from spinout.textsafe import strip_controls

    problems = getattr(exc, "problems", [])
    for problem in problems:
        sys.stderr.write(strip_controls(str(problem)) + "\n")
    if len(problems) > 1:
        sys.stderr.write(f"{len(problems)} problems found.\n")


def _log_exception() -> str:
    import os
    import tempfile
    import traceback

    fd, path = tempfile.mkstemp(prefix="spinout-error-", suffix=".log")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("spinout " + " ".join(sys.argv[1:]) + "\n\n")
        traceback.print_exc(file=handle)
    return path


if __name__ == "__main__":
    sys.exit(main())
