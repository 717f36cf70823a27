"""The smoke commands run against an installed `spinout` (see test_install.py): every command
group once, the output formats that use Jinja2 and pydantic, a usage error, and a questionnaire
answered with real keystrokes in a pseudo-terminal (questionary and prompt_toolkit).

``smoke(bin_dir, workdir)`` returns the failures, one line each, so that a caller can show all
of them at once."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pexpect
from pty_helpers import ENTER, FULL_RUN, MINI, QUESTIONS, environment

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ANSWERS = FIXTURES / "answers" / "report_individual.yaml"
GROUP = FIXTURES / "answers" / "report_group"
Check = Callable[[subprocess.CompletedProcess], bool]

COMMANDS: list[tuple[list[str], int, Check]] = [
    (["--version"], 0, lambda r: r.stdout.startswith("spinout ")),
    (["--help"], 0, lambda r: "assess" in r.stdout and "report" in r.stdout),
    (["rules", "check", "--help"], 0, lambda r: "Usage:" in r.stdout and "--rules" in r.stdout),
    (["rules", "check"], 0, lambda r: r.stdout.startswith("ok: spinout_guidance ")),
    (["rules", "show", "pension_plan"], 0, lambda r: "pension_plan" in r.stdout),
    (["sources"], 0, lambda r: "cited" in r.stdout),
    (["report", str(ANSWERS), "--rules", str(MINI)], 0,
     lambda r: r.stdout.startswith("# Readiness report")),
    (["report", str(ANSWERS), "--rules", str(MINI), "--format", "html"], 0,
     lambda r: r.stdout.lstrip().lower().startswith("<!doctype html>")),
    (["report", str(ANSWERS), "--rules", str(MINI), "--format", "json"], 0,
     lambda r: '"format": 2' in r.stdout),
    (["report", str(GROUP), "--rules", str(MINI)], 0, lambda r: "respondents" in r.stdout),
    (["form"], 0, lambda r: "Your role (tick one):" in r.stdout),
    (["form", "--format", "html", "--rules", str(MINI)], 0, lambda r: "<form" in r.stdout
     or "<html" in r.stdout.lower()),
    (["report", "--no-such-option"], 2, lambda r: "No such option" in r.stderr),
]


def smoke(bin_dir: Path, workdir: Path) -> list[str]:
    """Run every smoke command with the `spinout` in ``bin_dir``; the failures, one a line."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(NO_COLOR="1", COLUMNS="100")
    failures = []
    for args, code, check in COMMANDS:
        done = subprocess.run([str(bin_dir / "spinout"), *args], cwd=workdir, env=env,
                              capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != code or not check(done):
            failures.append(f"spinout {' '.join(args)}: exit {done.returncode}, stdout "
                            f"{done.stdout[:200]!r}, stderr {done.stderr[-300:]!r}")
    failure = _questionnaire(bin_dir, workdir)
    return failures + ([failure] if failure else [])


def _questionnaire(bin_dir: Path, workdir: Path) -> str | None:
    """Answer the mini questionnaire with keystrokes; None when the report was written."""
    child = pexpect.spawn(str(bin_dir / "spinout"), ["assess", "--rules", str(MINI)],
                          cwd=str(workdir), env=environment(), dimensions=(24, 80),
                          encoding="utf-8", timeout=30)
    try:
        for step, keys in FULL_RUN:
            child.expect_exact(QUESTIONS[step])
            child.send(keys)
        child.expect_exact(QUESTIONS["review"])
        child.send(ENTER)
        child.expect_exact("Report written to spinout-report.html")
        child.expect(pexpect.EOF)
    except pexpect.ExceptionPexpect as exc:
        return f"spinout assess: {type(exc).__name__}; last output {child.before!r}"[:600]
    finally:
        child.close()
    if child.exitstatus != 0 or not (workdir / "spinout-report.html").is_file():
        return f"spinout assess: exit {child.exitstatus}, no report"
    return None
