"""Start-up time of the command line against a bare interpreter, measured in one run.

Prints the median wall time of ``python -c pass``, ``spinout --version`` and ``spinout --help``
over interleaved runs, and each as a ratio of the bare interpreter. Targets: ``--version``
within 7x, ``--help`` within 15x.

    python benchmarks/bench_startup.py [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

TARGETS = {"--version": 7.0, "--help": 15.0}


def spinout_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m spinout``."""
    script = Path(sysconfig.get_path("scripts")) / "spinout"
    if script.is_file():
        return [sys.executable, str(script)]
    found = shutil.which("spinout")
    if found and Path(found).read_bytes()[:64].find(b"python") >= 0:
        return [sys.executable, found]
    return [sys.executable, "-m", "spinout"]


def wall_time(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                   check=True)
    return time.perf_counter() - start


def measure(runs: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    spinout = spinout_command()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "spinout --version": [*spinout, "--version"],
        "spinout --help": [*spinout, "--help"],
    }
    for cmd in commands.values():  # warm the file cache and the bytecode caches
        wall_time(cmd, os.environ.copy())
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(wall_time(cmd, env))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    medians = measure(runs)
    base = medians["python -c pass"]
    print(f"start-up, median of {runs} interleaved runs ({' '.join(spinout_command())})")
    worst = 0.0
    for name, seconds in medians.items():
        ratio = seconds / base
        flag = next((opt for opt in TARGETS if name.endswith(opt)), None)
        target = f"  (target {TARGETS[flag]:g}x)" if flag else ""
        if flag:
            worst = max(worst, ratio / TARGETS[flag])
        print(f"  {name:<20} {seconds * 1000:7.1f} ms  {ratio:5.2f}x{target}")
    print("within targets" if worst <= 1 else "OVER TARGET")
    return 0


if __name__ == "__main__":
    sys.exit(main())
