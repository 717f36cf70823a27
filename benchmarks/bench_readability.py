"""Plain language: Flesch reading ease of the bundled rules' question and help texts.

Targets (GOV.UK's reading age): question texts median at least 80 and none below 60; help
texts median at least 65 and none below 40. Option labels and section intros are shown for
information. The scores come from spinout's own counter (src/spinout/ruleset/readability.py).

    python benchmarks/bench_readability.py [--rules DIR] [--worst 5]
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

TARGETS = {"question texts": (80.0, 60.0), "help texts": (65.0, 40.0)}


def main() -> None:
    from spinout.ruleset.loader import load_ruleset
    from spinout.ruleset.readability import reading_ease, rule_texts

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=Path, help="a rules folder (default: the bundled set)")
    parser.add_argument("--worst", type=int, default=5, help="list this many hardest texts")
    args = parser.parse_args()
    rs = load_ruleset(args.rules, check_citations=False)
    for kind, items in rule_texts(rs).items():
        scored = sorted((reading_ease(text).score, item_id) for item_id, text in items)
        values = [s for s, _ in scored]
        median, low = statistics.median(values), min(values)
        line = f"{kind:15} n={len(values):3}  median {median:5.1f}  min {low:5.1f}"
        if kind in TARGETS:
            want_median, want_min = TARGETS[kind]
            ok = median >= want_median and low >= want_min
            line += (f"  target median >= {want_median:g}, min >= {want_min:g}: "
                     f"{'met' if ok else 'NOT met'}")
        print(line)
        for score, item_id in scored[: args.worst]:
            print(f"    {score:5.1f}  {item_id}")


if __name__ == "__main__":
    main()
