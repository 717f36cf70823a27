"""Time from starting `spinout assess` to the first question on screen, under a pty.

Spawns the real command on the bundled rule set in a pseudo-terminal and stops the clock when
the first prompt's text appears: the role question for a new answers file, and the first
rule-set question when resuming a file that already records the role. Prints the median and
the fastest of several runs of each, and ``python -c pass`` under the same pty for scale.
Target: the median under 0.5 s.

    python benchmarks/bench_assess_start.py [--runs 10] [--columns 80]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

TARGET = 0.5
ROLE_PROMPT = "Which best describes your role?"


def first_prompt_time(args: list[str], cwd: Path, until: str, columns: int = 80) -> float:
    env = {**os.environ, "TERM": "xterm-256color", "PROMPT_TOOLKIT_NO_CPR": "1"}
    start = time.perf_counter()
    child = pexpect.spawn(sys.executable, args, cwd=str(cwd), env=env,
                          dimensions=(24, columns), encoding="utf-8", timeout=30)
    try:
        child.expect_exact(until, timeout=30)
        return time.perf_counter() - start
    finally:
        child.terminate(force=True)


def first_question_text() -> str:
    from spinout.ruleset.loader import load_ruleset

    return " ".join(load_ruleset(None).questions_in_order()[0].text.split()[:4])


def resumable_answers(folder: Path) -> Path:
    from spinout.answers.model import new_answers
    from spinout.answers.store import save
    from spinout.ruleset.loader import load_ruleset

    rs = load_ruleset(None)
    path = folder / "resume.yaml"
    save(path, new_answers(rs, role=rs.roles[0].id))
    return path


def measure(runs: int, columns: int = 80) -> dict[str, list[float]]:
    question = first_question_text()
    times: dict[str, list[float]] = {"python -c pass": [], "new file: role question": [],
                                     "resumed: first question": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        resume = resumable_answers(folder)
        cases = {
            "python -c pass": (["-c", "print('ready')"], "ready"),
            "new file: role question": (["-m", "spinout", "assess", "--answers", "new.yaml"],
                                        ROLE_PROMPT),
            "resumed: first question": (["-m", "spinout", "assess", "--answers", resume.name],
                                        question),
        }
        for args, until in cases.values():  # warm the file and bytecode caches
            first_prompt_time(args, folder, until, columns)
        for _ in range(runs):
            for name, (args, until) in cases.items():
                (folder / "new.yaml").unlink(missing_ok=True)
                times[name].append(first_prompt_time(args, folder, until, columns))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--columns", type=int, default=80, help="terminal width")
    opts = parser.parse_args()
    runs = opts.runs
    times = measure(runs, opts.columns)
    print(f"time to first prompt under a {opts.columns}-column pty, {runs} runs "
          f"(target: median < {TARGET} s)")
    worst = 0.0
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:<26} median {median:.3f} s   fastest {min(values):.3f} s")
        if name != "python -c pass":
            worst = max(worst, median)
    print(f"verdict: {'within' if worst < TARGET else 'OVER'} the {TARGET} s target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
