"""Rule-set loading speed: the bundled rules, and a generated 500-question rule set.

Loading means everything `spinout rules check` does: safe YAML parsing with positions, schema
validation, cross-reference checks and the citation check against the source documents. The
generated set cites real passages of the bundled seeds, so every quote is searched for and
found; a third run puts one wrong quote in it, which adds the closest-passage search.
Targets: bundled set well under 0.3 s, 500 questions under 1 s.

    python benchmarks/bench_load.py [--questions 500] [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TYPES = ("single", "yes_no", "multi", "scale", "number")


def passages(seeds: Path, limit: int = 2000) -> list[tuple[str, str]]:
    """(file name, sentence) pairs: sentences of 40 to 200 characters from the seeds."""
    found = []
    for path in sorted(seeds.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
                if 40 <= len(sentence) <= 200:
                    found.append((path.name, sentence))
    return found[:limit]


def _source_ids(rules: Path) -> dict[str, str]:
    """Seed file name -> source id, from the bundled sources.yaml."""
    from spinout.yamlfile import read_yaml

    data = read_yaml(rules / "sources.yaml").data
    return {s["file"]: s["id"] for s in data["sources"]}


def _cite(quotes: list[tuple[str, str]], ids: dict[str, str], n: int) -> list[dict[str, str]]:
    file, quote = quotes[n % len(quotes)]
    return [{"source": ids[file], "quote": quote}]


def _question(i: int, sections: int, count: int, cite: Any) -> dict[str, Any]:
    kind = TYPES[i % len(TYPES)]
    q: dict[str, Any] = {"id": f"q{i:04d}", "section": f"s{i * sections // count:02d}",
                         "text": f"Question {i}?", "help": "Why we ask.", "type": kind,
                         "cite": cite(i)}
    dim = f"d{i % 8}"
    if kind in ("single", "multi"):
        q["options"] = [{"value": f"o{j}", "label": f"Option {j}", "scores": {dim: j * 50}}
                        for j in range(3)]
    elif kind == "yes_no":
        q["options"] = [{"value": True, "label": "Yes", "scores": {dim: 100}},
                        {"value": False, "label": "No", "scores": {dim: 0}}]
    else:
        q.update({"min": 1, "max": 5, "linear": {dim: {"at_min": 0, "at_max": 100}}})
    earlier = i - 5
    if i % 3 == 0 and earlier >= 0:
        q["when"] = _test(earlier)
    return q


def _test(i: int) -> dict[str, Any]:
    """A condition on question ``i`` that fits its type."""
    qid = f"q{i:04d}"
    kind = TYPES[i % len(TYPES)]
    if kind == "single":
        return {"answer": qid, "in": ["o1", "o2"]}
    if kind == "multi":
        return {"answer": qid, "includes": "o1"}
    if kind == "yes_no":
        return {"answer": qid, "is": True}
    return {"answer": qid, "at_least": 3}


def generate(folder: Path, questions: int = 500) -> Path:
    """Write a valid rule set of ``questions`` questions into ``folder``; returns its rules/."""
    import yaml

    bundled = ROOT / "rules"
    rules, seeds = folder / "rules", folder / "seeds"
    rules.mkdir(parents=True)
    shutil.copytree(ROOT / "seeds", seeds)
    for name in ("sources.yaml", "roles.yaml", "bands.yaml"):
        shutil.copyfile(bundled / name, rules / name)
    (rules / "ruleset.yaml").write_text(
        'ruleset:\n  name: generated\n  version: "1"\n  title: A generated rule set\n',
        encoding="utf-8")
    ids = _source_ids(bundled)
    quotes = passages(seeds)

    def cite(n: int) -> list[dict[str, str]]:
        return _cite(quotes, ids, n)

    sections = max(1, min(10, questions // 5))
    data = {
        "dimensions": [{"id": f"d{d}", "name": f"Dimension {d}", "description": "Generated.",
                        "cite": cite(d)} for d in range(8)],
        "sections": [{"id": f"s{s:02d}", "name": f"Section {s}"} for s in range(sections)],
        "questions": [_question(i, sections, questions, cite) for i in range(questions)],
        "barriers": [{"id": f"b{b:03d}", "title": f"Barrier {b}", "severity": "major",
                      "when": {"all": [_test(b * 5 % questions), {"dimension": f"d{b % 8}",
                                                                  "below": 30}]},
                      "why": "Generated.", "what_to_do": ["Act."], "cite": cite(b + 7)}
                     for b in range(max(1, questions // 5))],
        "stages": [{"id": f"stage{s}", "name": f"Stage {s}", "description": "Generated.",
                    "exit": [{"label": "Done", "when": _test(s)}], "tasks": ["Work."],
                    "cite": cite(s + 11)} for s in range(6)],
        "legal_forms": [{"id": f"form{f}", "name": f"Form {f}", "summary": "Generated.",
                         "attributes": {k: "x" for k in ("control", "profit_distribution",
                                                         "asset_lock", "charitable",
                                                         "outside_investment")},
                         "fit": [{"when": _test(f), "points": 2, "reason": "Fits."}],
                         "cite": cite(f + 13)} for f in range(6)],
    }
    for section, items in data.items():
        text = yaml.safe_dump({section: items}, sort_keys=False, allow_unicode=True, width=100)
        (rules / f"gen_{section}.yaml").write_text(text, encoding="utf-8")
    return rules


def _time(rules: Path | None, runs: int) -> tuple[float, str]:
    from spinout.errors import RulesError
    from spinout.ruleset.loader import load_ruleset

    times, outcome = [], ""
    for run in range(runs + 1):
        start = time.perf_counter()
        try:
            rs = load_ruleset(rules)
            outcome = f"ok, {len(rs.questions)} questions"
        except RulesError as exc:
            outcome = f"{len(exc.problems)} problem(s): {exc.problems[0]}"
        if run:  # the first run warms up imports and caches
            times.append(time.perf_counter() - start)
    return statistics.median(times), outcome


def _command(rules: Path | None) -> float:
    args = [sys.executable, "-m", "spinout", "rules", "check"]
    args += ["--rules", str(rules)] if rules else []
    start = time.perf_counter()
    subprocess.run(args, capture_output=True, check=False, timeout=120)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the generated set here and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="spinout-bench-"))
    try:
        rules = generate(folder / "generated", args.questions)
        bundled, bundled_outcome = _time(None, args.runs)
        big, big_outcome = _time(rules, args.runs)
        first = next(rules.glob("gen_questions.yaml"))
        text = first.read_text(encoding="utf-8")
        quote = re.search(r"quote: (.{20})", text)
        wrong = text.replace(quote.group(1), "Xq" + quote.group(1)[2:], 1) if quote else text
        first.write_text(wrong, encoding="utf-8")
        miss, miss_outcome = _time(rules, args.runs)
        first.write_text(text, encoding="utf-8")
        print(f"load+check, median of {args.runs} runs in one process after a warm-up run:")
        print(f"  bundled rule set            {bundled * 1000:7.1f} ms  ({bundled_outcome})")
        print(f"  {args.questions} questions (generated)   {big * 1000:7.1f} ms  ({big_outcome})")
        print(f"  same, one quote wrong       {miss * 1000:7.1f} ms  ({miss_outcome[:60]}…)")
        print("`spinout rules check` as a command (with interpreter start-up):")
        print(f"  bundled rule set            {_command(None) * 1000:7.1f} ms")
        print(f"  {args.questions} questions (generated)   {_command(rules) * 1000:7.1f} ms")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
