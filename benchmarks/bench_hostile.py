"""How quickly hostile YAML is refused (the tests check where; this measures how fast).

Each case is parsed with the reader used for rule and answers files, and the best of several
runs is printed with the problem reported. Target: every case well under a second.

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


if __name__ == "__main__":
    sys.exit(main())
