"""Engine speed: time to assess one respondent, for 1, 100 and 10,000 respondents.

Random valid answers (seeded) are generated for the bundled rule set (the mini test rules if
the bundled set does not load), then ``assess`` is timed with next best actions (the default)
and without them (best of five runs for 1 and 100 respondents, one run for 10,000). Cost per
respondent should stay flat as the count grows; cost per question is the per-respondent time
over the number of questions in the rule set.

    python benchmarks/bench_engine.py [--counts 1 100 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "rules"


def load_rules() -> Any:
    from spinout.errors import SpinoutError
    from spinout.ruleset.loader import load_ruleset

    try:
        return load_ruleset(None)
    except SpinoutError:
        print("note: the bundled rules do not load; timing the mini test rules instead")
        return load_ruleset(MINI)


def random_answer(q: Any, rng: random.Random) -> Any:
    if q.dont_know and rng.random() < 0.08:
        return "dont_know"
    if q.type == "text":
        return rng.choice(["", "More training please.", "Worried about pensions."])
    if q.type == "multi":
        return [o.value for o in q.options if rng.random() < 0.4]
    if q.options:
        return rng.choice(q.options).value
    low = q.min if q.min is not None else 0
    high = q.max if q.max is not None else low + 100
    return rng.randint(int(low), int(min(high, low + 500)))


def random_answers(rs: Any, rng: random.Random) -> dict[str, Any]:
    """Answers to a random 60–100% of the questions, hidden ones included."""
    share = rng.uniform(0.6, 1.0)
    return {q.id: random_answer(q, rng) for q in rs.questions if rng.random() < share}


def time_assess(rs: Any, sets: list[dict[str, Any]], actions: int) -> float:
    """Seconds to assess every answer set once: the best of a few runs for small counts."""
    from spinout.engine.assess import assess

    best = float("inf")
    for _ in range(max(1, min(5, 1000 // len(sets)))):
        start = time.perf_counter()
        for answers in sets:
            assess(rs, answers, actions=actions)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1, 100, 10_000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    from spinout.engine.assess import DEFAULT_ACTIONS, assess

    rs = load_rules()
    questions = len(rs.questions)
    rng = random.Random(args.seed)
    pool = [random_answers(rs, rng) for _ in range(max(args.counts))]
    start = time.perf_counter()
    assess(rs, pool[0])
    cold = time.perf_counter() - start
    print(f"rule set {rs.header.name} {rs.header.version}: {questions} questions, "
          f"{len(rs.barriers)} barriers; first call (cold caches) {cold * 1e3:.2f} ms")
    print(f"{'respondents':>11}  {'next actions':>12}  {'total s':>8}  {'ms/respondent':>13}  "
          f"{'µs/question':>11}")
    for count in args.counts:
        sets = pool[:count]
        for actions in (DEFAULT_ACTIONS, 0):
            total = time_assess(rs, sets, actions)
            per = total / count
            print(f"{count:>11,}  {'yes' if actions else 'no':>12}  {total:>8.3f}  "
                  f"{per * 1e3:>13.3f}  {per / questions * 1e6:>11.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
