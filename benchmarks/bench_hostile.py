"""How quickly hostile input is dealt with (the tests check what; this measures how fast).

Hostile YAML: each case is parsed with the reader used for rule and answers files, and the best
of several runs is printed with the problem reported. Target: every case well under a second.

A hostile rule set: the closest passage to a missing quote (a 2,000-character quote and 40
near misses against a 200 kB source) and a select prompt laid out with 1,000 to 20,000
characters of question text. Printed as times and as ratios between sizes: a ratio near the
size ratio is linear, near its square quadratic.

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


if __name__ == "__main__":
    code = main()
    closest_passages()
    select_prompt()
    sys.exit(code)
