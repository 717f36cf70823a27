"""How quickly hostile input is dealt with (the tests check what; this measures how fast).

Hostile YAML: each case is parsed with the reader used for rule and answers files, and the best
of several runs is printed with the problem reported. Target: every case well under a second.

A hostile rule set: the closest passage to a missing quote (a 2,000-character quote and 40
near misses against a 200 kB source) and a select prompt laid out with 1,000 to 20,000
characters of question text; a report on one answers file against generated rule sets of
1,000, 2,000 and 5,000 questions. Printed as times and as ratios between sizes: a ratio near
the size ratio is linear, near its square quadratic.

    python benchmarks/bench_hostile.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from spinout.errors import YamlFileError
from spinout.yamlfile import MAX_BYTES, read_yaml

TARGET_SECONDS = 1.0


def billion_laughs() -> bytes:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 9)]
    return ("\n".join(lines) + "\n").encode()


def late_bomb() -> bytes:
    """Just under 1 MiB of plain mappings with the anchor and its aliases at the very end."""
    tail = b'z: &z ["lol", "lol"]\nw: [' + b", ".join([b"*z"] * 2000) + b"]\n"
    line = b"k%06d: some ordinary text value\n"
    count = (MAX_BYTES - len(tail)) // len(line % 0)
    return b"".join(line % i for i in range(count)) + tail


def alias_flood() -> bytes:
    """A list of about 260,000 aliases to one anchor, just under the size limit."""
    count = (MAX_BYTES - 64) // 4
    return b'a: &a ["lol"]\nb: [' + b", ".join([b"*a"] * count) + b"]\n"


def deep_nesting() -> bytes:
    return b"a: " + b"[" * 200_000 + b"]" * 200_000 + b"\n"


def python_payload() -> bytes:
    return b'x: !!python/object/apply:os.system ["touch PWNED"]\n' * 20_000


def late_duplicate() -> bytes:
    """Just under 1 MiB of distinct keys, then the first key again."""
    line = b"k%06d: some ordinary text value\n"
    count = (MAX_BYTES - 64) // len(line % 0)
    return b"".join(line % i for i in range(count)) + line % 0


CASES: dict[str, Callable[[], bytes]] = {
    "billion laughs (9 levels)": billion_laughs,
    "anchor and aliases at the end of ~1 MiB": late_bomb,
    "260,000 aliases in one list": alias_flood,
    "200,000 levels of nesting": deep_nesting,
    "20,000 python/object tags": python_payload,
    "a duplicate key at the end of ~1 MiB": late_duplicate,
}


def refuse(path: Path) -> tuple[float, str]:
    best, message = float("inf"), "accepted!"
    for _ in range(3):
        start = time.perf_counter()
        try:
            read_yaml(path, path.name)
        except YamlFileError as exc:
            message = str(exc.problems[0])
        best = min(best, time.perf_counter() - start)
    return best, message


def oversized(folder: Path) -> tuple[float, str]:
    path = folder / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(8 * 1024**3)
    return refuse(path)


def main() -> int:
    worst = 0.0
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        results = []
        for label, make in CASES.items():
            path = folder / "case.yaml"
            content = make()
            path.write_bytes(content)
            seconds, message = refuse(path)
            results.append((f"{label} ({len(content):,} bytes)", seconds, message))
            os.unlink(path)
        results.append(("8 GiB sparse file", *oversized(folder)))
    print("refusing hostile YAML, best of 3 runs")
    for label, seconds, message in results:
        worst = max(worst, seconds)
        print(f"  {label:<58} {seconds * 1000:8.1f} ms  {message[:70]}")
    print(f"slowest {worst * 1000:.1f} ms: "
          f"{'within' if worst < TARGET_SECONDS else 'OVER'} the {TARGET_SECONDS:g} s target")
    return 0


def hostile_source(size: int = 200_000) -> str:
    """The seeds repeated, with some words misspelt, to ``size`` characters."""
    import random

    rng = random.Random(1)
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    base = "\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    text = ""
    while len(text) < size:
        text += base.replace("the", rng.choice(["thee", "teh", "the"])) + "\n"
    return text


def closest_passages() -> None:
    import random

    from spinout.ruleset.citations import SourceText

    rng = random.Random(1)
    print("closest passage to a missing quote, by source size")
    for size in (50_000, 100_000, 200_000):
        text = hostile_source(size)
        source = SourceText(text)
        words = text.split()
        quote = " ".join(rng.choice(words) for _ in range(400))[:2000]
        lines = [line for line in text.splitlines() if len(line) > 80]
        near = [line[:60] + "x" + line[61:120] for line in rng.sample(lines, 40)]
        start = time.perf_counter()
        source.closest(quote)
        one = time.perf_counter() - start
        start = time.perf_counter()
        for q in near:
            source.closest(q)
        many = time.perf_counter() - start
        print(f"  {size:>7,} chars: 2,000-char quote {one:6.2f} s, 40 near misses {many:6.2f} s")


def select_prompt() -> None:
    import io

    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    from spinout.questionnaire.prompts import Prompter
    from spinout.ruleset.loader import load_ruleset

    rs = load_ruleset(Path(__file__).resolve().parent.parent / "tests/fixtures/mini/rules")
    print("a select prompt laid out with long question text")
    times = []
    for chars in (1_000, 2_000, 4_000, 20_000):
        q = rs.question("has_plan").model_copy(update={"text": "word " * (chars // 5)})
        output = Vt100_Output(io.StringIO(), lambda: Size(24, 80), term="xterm")
        start = time.perf_counter()
        with create_pipe_input() as pipe:
            pipe.send_text("\r")
            pipe.close()
            Prompter(input=pipe, output=output).question(q, None, True)
        times.append(time.perf_counter() - start)
        print(f"  {chars:>6,} characters: {times[-1]:6.2f} s "
              f"(x{times[-1] / times[0]:.1f} of 1,000)")


def _bench_module(name: str):  # noqa: ANN202 - a module loaded from a path
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, Path(__file__).parent / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def big_rule_set(folder: Path, questions: int, per_file: int = 400) -> Path:
    """bench_load's generated rule set of ``questions`` questions, its questions split over
    files of ``per_file`` (each rule file must stay under the size limit); returns rules/."""
    import yaml

    rules = _bench_module("bench_load").generate(folder, questions)
    whole = rules / "gen_questions.yaml"
    items = yaml.safe_load(whole.read_text(encoding="utf-8"))["questions"]
    whole.unlink()
    for start in range(0, len(items), per_file):
        text = yaml.safe_dump({"questions": items[start:start + per_file]}, sort_keys=False,
                              allow_unicode=True, width=100)
        (rules / f"gen_questions_{start // per_file:03d}.yaml").write_text(text, "utf-8")
    return rules


def answers_file(rs, path: Path, seed: int = 1) -> None:  # noqa: ANN001 - a RuleSet
    """Seeded random answers to ``rs`` (bench_engine's), saved as an answers file."""
    import random

    from spinout.answers.model import new_answers
    from spinout.answers.store import save
    from spinout.record import replace

    answers = _bench_module("bench_engine").random_answers(rs, random.Random(seed))
    save(path, replace(new_answers(rs, role=rs.roles[0].id), answers=answers))


def big_report() -> None:
    """A Markdown report on one answers file: read, assessed, built and rendered in this
    process (the rule set loaded beforehand; best of two runs), and ``spinout report`` as a
    command. Before next actions re-evaluated only what a simulated answer reaches, the three
    took about 3, 14 and 97 s (the report was quadratic in the number of questions)."""
    import contextlib
    import io
    import subprocess

    from spinout.commands.report import report_on_files
    from spinout.report.build import render
    from spinout.ruleset.loader import load_ruleset

    print("a report on one answers file, by rule-set size")
    first: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory() as name:
        for questions in (1_000, 2_000, 5_000):
            rules = big_rule_set(Path(name) / f"q{questions}", questions)
            rs = load_ruleset(rules)
            path = rules.parent / "answers.yaml"
            answers_file(rs, path)
            seconds = float("inf")
            for _ in range(2):  # the first run also imports the report modules
                start = time.perf_counter()
                with contextlib.redirect_stderr(io.StringIO()):  # the answers' warnings
                    render(report_on_files(rs, [path]), "md")
                seconds = min(seconds, time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "spinout", "report", str(path), "--rules",
                            str(rules), "-o", str(rules.parent / "report.md")],
                           capture_output=True, check=False, timeout=3600)
            command = time.perf_counter() - start
            first = first or (questions, seconds)
            ratio = (seconds / first[1]) / (questions / first[0])
            print(f"  {questions:>6,} questions: {seconds:7.2f} s in process "
                  f"({seconds / questions * 1e3:.2f} ms a question, x{ratio:.2f} of the "
                  f"1,000 rate), command {command:7.2f} s")


if __name__ == "__main__":
    code = main()
    closest_passages()
    select_prompt()
    big_report()
    sys.exit(code)
