"""Time of everyday commands against a bare interpreter, measured in one run.

Prints the median wall time of ``python -c pass`` and of each command below over interleaved
runs, and each as a ratio of the bare interpreter; and the same for CPU time (user + system,
from ``wait4``), which a busy machine disturbs far less:

- ``spinout --version`` (target within 7x) and ``spinout --help`` (within 15x);
- ``spinout report --help``, a subcommand's help (within 8x);
- ``spinout report ANSWERS`` on one complete answers file for the bundled rule set, the report
  written to a file (within 12x);
- ``spinout rules check`` on the bundled rule set (within 12x).

The commands run as a user runs them, so the rule-set cache in the user's cache folder is
warm after the first run; ``--cold`` points ``SPINOUT_CACHE`` at an empty folder for every run
to time the first run after a rule change instead.

    python benchmarks/bench_startup.py [--runs 20] [--cold]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

TARGETS = {"--version": 7.0, "--help": 15.0, "report --help": 8.0, "report ANSWERS": 12.0,
           "rules check": 12.0}


def spinout_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m spinout``."""
    script = Path(sysconfig.get_path("scripts")) / "spinout"
    if script.is_file():
        return [sys.executable, str(script)]
    found = shutil.which("spinout")
    if found and Path(found).read_bytes()[:64].find(b"python") >= 0:
        return [sys.executable, found]
    return [sys.executable, "-m", "spinout"]


def wall_time(cmd: list[str], env: dict[str, str], cold: Path | None = None
              ) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run, in seconds."""
    if cold is not None:
        shutil.rmtree(cold, ignore_errors=True)
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=env)
    _, status, usage = os.wait4(child.pid, 0)
    took = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, cmd)
    return took, usage.ru_utime + usage.ru_stime


def answers_file(folder: Path) -> Path:
    """One complete, valid answers file for the bundled rule set."""
    from bench_group import random_answers

    from spinout.answers.model import fingerprint, new_answers
    from spinout.answers.store import save
    from spinout.ruleset.loader import load_ruleset

    rs = load_ruleset(None)
    answers = random_answers(rs, random.Random(1))
    file = new_answers(rs, role=rs.roles[0].id, respondent_id="bench")
    from spinout.record import replace

    file = replace(file, answers=answers, rules=replace(
        file.rules, questions={q: fingerprint(rs.question(q)) for q in answers}))
    path = folder / "answers.yaml"
    save(path, file)
    return path


def commands(folder: Path) -> dict[str, list[str]]:
    spinout = spinout_command()
    answers = answers_file(folder)
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "spinout --version": [*spinout, "--version"],
        "spinout --help": [*spinout, "--help"],
        "spinout report --help": [*spinout, "report", "--help"],
        "spinout report ANSWERS": [*spinout, "report", str(answers), "-o",
                                   str(folder / "report.md")],
        "spinout rules check": [*spinout, "rules", "check"],
    }


def measure(runs: int, cold: bool) -> dict[str, tuple[float, float]]:
    """Median wall and CPU time of each command."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cache = folder / "cache" if cold else None
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        if cache is not None:
            env["SPINOUT_CACHE"] = str(cache)
        todo = commands(folder)
        # Warm the file cache, the rule-set cache and the bytecode: an installed package has
        # its .pyc files (pip writes them), so they are written here even where the
        # environment says not to, as it does on some CI machines.
        warm = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        for cmd in todo.values():
            wall_time(cmd, warm)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in todo}
        for _ in range(runs):
            for name, cmd in todo.items():
                times[name].append(wall_time(cmd, env, cache))
    return {name: (statistics.median(w for w, _ in values),
                   statistics.median(c for _, c in values)) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cold", action="store_true",
                        help="Start every run with an empty rule-set cache.")
    args = parser.parse_args()
    medians = measure(args.runs, args.cold)
    wall_base, cpu_base = medians["python -c pass"]
    print(f"start-up, median of {args.runs} interleaved runs ({' '.join(spinout_command())})"
          + (", cold rule-set cache" if args.cold else ""))
    print(f"  {'':<24} {'wall':>9}  {'ratio':>6}   {'cpu':>9}  {'ratio':>6}")
    worst = 0.0
    for name, (wall, cpu) in medians.items():
        flag = next((opt for opt in TARGETS if name == f"spinout {opt}"), None)
        target = f"  (target {TARGETS[flag]:g}x)" if flag and not args.cold else ""
        if flag:
            worst = max(worst, wall / wall_base / TARGETS[flag])
        print(f"  {name:<24} {wall * 1000:6.1f} ms  {wall / wall_base:5.2f}x   "
              f"{cpu * 1000:6.1f} ms  {cpu / cpu_base:5.2f}x{target}")
    if args.cold:  # the targets are for everyday runs, with the checked rule set cached
        print("first runs after a rule change: the targets apply to everyday runs (without "
              "--cold)")
    else:
        print("within targets (wall)" if worst <= 1 else "OVER TARGET (wall)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
