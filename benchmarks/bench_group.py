"""Group report speed: many answers files (10,000 by default), from parsing to the report.

Generates random valid answers files for the bundled rule set (the mini test rules if the
bundled set does not load) in a temporary folder (or ``--keep DIR``, reused when it already
holds them: generating 100,000 takes minutes), then times

  (a) parsing every file with plain ``yaml.load`` and libyaml's CSafeLoader, in one process;
  (a2) the same on a pool of 2 processes (both cores), the baseline of the target;
  (b) ``group_many``: safe located parsing, checks, assessment and tallying on a 2-process
      pool, then the group result from the merged tallies;
  (c) the whole ``spinout report DIR -o group.json`` command in a subprocess;

in ``--rounds`` rounds (3 by default), each timing (a), (a2), (b) and (c) one after another, so
that a busy minute slows a round's baseline as much as what is compared with it. Each round
prints b/a2 and c/a2 by wall time and by CPU time (user and system, all processes); the
verdict is on the medians over the rounds of c/a2 (target: within 1.5) and of the peak resident
memory of the command with its workers (target: under 300 MB). Then, in this one process on
the first 1,500 files, the cost per file of each step: plain parsing, the safe located reading
(``read_yaml``), reading and checking (``store.read``) and one worker's whole job
(``bulk._work_chunk``: reading, checking, assessing, tallying).

    python benchmarks/bench_group.py [--count 10000] [--keep DIR] [--rounds N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_engine import random_answer

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "rules"


def load_rules() -> tuple[Any, Path | None]:
    from spinout.errors import SpinoutError
    from spinout.ruleset.loader import load_ruleset

    try:
        return load_ruleset(None), None
    except SpinoutError:
        print("bundled rules do not load; using the mini test rules")
        return load_ruleset(MINI), MINI


def random_answers(rs: Any, rng: random.Random) -> dict[str, Any]:
    from spinout.engine.visibility import visible_questions

    answers: dict[str, Any] = {}
    for q in rs.questions_in_order():
        if rng.random() < 0.05:
            continue
        if q.id in {v.id for v in visible_questions(rs, answers)}:
            answers[q.id] = random_answer(q, rng)
    return answers


def generate(rs: Any, count: int, folder: Path, seed: int = 1) -> None:
    from spinout.answers.model import fingerprint, new_answers
    from spinout.answers.store import dump
    from spinout.record import replace

    rng = random.Random(seed)
    roles = [r.id for r in rs.roles]
    prints = {q.id: fingerprint(q) for q in rs.questions}
    templates = [random_answers(rs, rng) for _ in range(500)]
    seen: set[str] = set()
    for i in range(count):
        file = new_answers(rs, role=rng.choice(roles), respondent_id=f"r{i:05d}",
                           now="2026-01-31T10:00:00+00:00")
        answers = _varied(rs, rng.choice(templates), rng)
        while (key := json.dumps(answers, sort_keys=True, default=repr)) in seen:
            answers = _varied(rs, rng.choice(templates), rng)
        seen.add(key)
        file = replace(file, answers=answers,
                       rules=replace(file.rules, questions={q: prints[q] for q in answers}))
        (folder / f"r{i:05d}.yaml").write_text(dump(file), encoding="utf-8")


def _varied(rs: Any, template: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The template with two answers drawn afresh (never one an earlier question's condition
    reads); ``generate`` draws again until the answers are new, as a group report counts
    identical answers once, as one person."""
    answers = dict(template)
    free = [q for q in answers if q not in rs.index.gates]
    for qid in rng.sample(free, min(2, len(free))):
        answers[qid] = random_answer(rs.question(qid), rng)
    return answers


def _ready(folder: Path, count: int, digest: str) -> bool:
    """True when ``folder`` already holds ``count`` files for this rule set."""
    files = sorted(folder.glob("*.yaml"))
    return len(files) == count and digest in files[0].read_text(encoding="utf-8")


def _cpu() -> float:
    """CPU time (user and system) of this process and its reaped children so far."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(job: Any) -> tuple[float, float, Any]:
    """Wall time and CPU time (this process and the children it reaps) of ``job()``, and its
    result."""
    cpu, start = _cpu(), time.perf_counter()
    result = job()
    return time.perf_counter() - start, _cpu() - cpu, result


def time_plain_parse(paths: list[Path]) -> None:
    import yaml

    for p in paths:
        yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)  # noqa: S506 - CSafeLoader is safe


def _parse_chunk(paths: list[Path]) -> int:
    import yaml

    for p in paths:
        yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)  # noqa: S506 - CSafeLoader is safe
    return len(paths)


def time_plain_parse_pool(paths: list[Path], processes: int = 2) -> None:
    """Parsing every file with CSafeLoader on ``processes`` processes, chunks of 500 files."""
    from concurrent.futures import ProcessPoolExecutor

    chunks = [paths[i:i + 500] for i in range(0, len(paths), 500)]
    with ProcessPoolExecutor(processes) as pool:
        assert sum(pool.map(_parse_chunk, chunks)) == len(paths)


def time_group(paths: list[Path], rs: Any) -> Any:
    from spinout.bulk import group_many

    return group_many(paths, rs, progress=False).group


def time_command(folder: Path, rules: Path | None) -> tuple[float, float, float] | None:
    """Wall time, CPU time (the command and its workers) and peak memory (MB, the command or
    its largest worker) of the command."""
    out = folder.parent / "group.json"
    cmd = [sys.executable, "-m", "spinout", "report", str(folder), "-o", str(out)]
    if rules is not None:
        cmd += ["--rules", str(rules)]
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    err = child.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(child.pid, 0)
    took = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        print(f"(c) spinout report failed ({child.returncode}): {err.strip()[:300]}")
        return None
    return took, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def per_file(paths: list[Path], rs: Any, repeat: int) -> None:
    """Milliseconds per file for each step, in this process (best of ``repeat`` runs)."""
    import yaml

    from spinout import bulk
    from spinout.answers.store import read
    from spinout.yamlfile import read_yaml

    names = [str(p) for p in paths]
    bulk._init(rs, bulk._Job("tally"))
    steps = {
        "plain yaml.load(CSafeLoader)": lambda: [
            yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)  # noqa: S506 - a safe loader
            for p in paths],
        "read_yaml (safe, located)": lambda: [read_yaml(p) for p in paths],
        "store.read (read and check)": lambda: [read(p, rs) for p in paths],
        "bulk._work_chunk (whole job)": lambda: bulk._work_chunk(names),
    }
    print(f"(d)  per file, 1 process, {len(paths):,} files:")
    plain = 0.0
    for label, step in steps.items():
        took = []
        for _ in range(max(repeat, 1)):
            start = time.perf_counter()
            step()
            took.append(time.perf_counter() - start)
        ms = min(took) / len(paths) * 1000
        plain = plain or ms
        print(f"     {label:30} {ms:6.3f} ms   {ms / plain:5.2f} x plain")


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def one_round(number: int, paths: list[Path], rs: Any, folder: Path, rules: Path | None
              ) -> tuple[float, float] | None:
    """(a), (a2), (b) and (c) one after another; c/a2 by wall time and peak memory of (c)."""
    plain, plain_cpu, _ = timed(lambda: time_plain_parse(paths))
    pooled, pooled_cpu, _ = timed(lambda: time_plain_parse_pool(paths))
    took, took_cpu, group = timed(lambda: time_group(paths, rs))
    print(f"round {number}:")
    print(f"(a)  plain yaml.load(CSafeLoader), 1 process:   {plain:6.2f} s   cpu "
          f"{plain_cpu:6.2f} s")
    print(f"(a2) plain yaml.load(CSafeLoader), 2 processes: {pooled:6.2f} s   cpu "
          f"{pooled_cpu:6.2f} s")
    print(f"(b)  group_many (2 processes):                  {took:6.2f} s   cpu {took_cpu:6.2f} s"
          f"   b/a2 = {took / pooled:.2f} (cpu {took_cpu / pooled_cpu:.2f})")
    if number == 1:
        print(f"     group: {group.respondents:,} respondents, overall median "
              f"{group.overall.median:.1f}, band {group.band}, stage {group.stage}")
    command = time_command(folder, rules)
    if command is None:
        return None
    wall, cpu, memory = command
    print(f"(c)  spinout report DIR -o group.json:          {wall:6.2f} s   cpu {cpu:6.2f} s"
          f"   c/a2 = {wall / pooled:.2f} (cpu {cpu / pooled_cpu:.2f})   c/a = {wall / plain:.2f}")
    print(f"     peak memory (command, largest process):   {memory:6.0f} MB")
    return wall / pooled, memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="Generate into this folder and keep it.")
    parser.add_argument("--rounds", type=int, default=3,
                        help="Rounds of (a), (a2), (b) and (c); the verdict is on the medians.")
    parser.add_argument("--repeat", type=int, default=3,
                        help="Runs of each per-file step (d); the fastest is kept.")
    args = parser.parse_args()
    rs, rules = load_rules()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "answers"
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        if not _ready(folder, args.count, rs.digest):
            generate(rs, args.count, folder)
        paths = sorted(folder.glob("*.yaml"))
        print(f"{len(paths):,} answers files ready in {time.perf_counter() - start:.1f} s "
              f"({rs.header.name}, {len(rs.questions)} questions)")
        verdicts = [one_round(n, paths, rs, folder, rules) for n in range(1, args.rounds + 1)]
        print(f"     peak memory (this process):               "
              f"{peak_mb(resource.RUSAGE_SELF):6.0f} MB")
        print(f"     peak memory (pool workers, largest):      "
              f"{peak_mb(resource.RUSAGE_CHILDREN):6.0f} MB")
        verdicts = [v for v in verdicts if v is not None]
        if verdicts:
            ratio = statistics.median(v[0] for v in verdicts)
            memory = statistics.median(v[1] for v in verdicts)
            print(f"median over {len(verdicts)} round(s): c/a2 = {ratio:.2f} (target 1.5), "
                  f"peak memory {memory:.0f} MB (target 300): "
                  + ("within targets" if ratio <= 1.5 and memory < 300 else "OVER TARGET"))
        per_file(paths[:1500], rs, args.repeat)


if __name__ == "__main__":
    main()
