"""Time `spinout assess` spends of its own between an answer and the next question.

A whole questionnaire on the bundled rule set is answered by a prompter that replies at once
(random valid answers, seeded), through the real session: each answer is checked, the flow
moves on, the answers file is saved (atomically, with fsync) and the next question's header
is drawn on a rich console, exactly as in a terminal. The clock runs from the moment a reply
is returned to the moment the next question is asked, so the prompt's own drawing is left
out; ``--prompts`` also times each step with the real questionary prompts, fed keystrokes
through prompt_toolkit's pipe input, for scale. Target: the median own time under 30 ms (and
the slowest step is shown too).

    python benchmarks/bench_answer_step.py [--runs 5] [--prompts]
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_engine import random_answer

TARGET_MS = 30.0


class Instant:
    """Answers every question at once and notes when each was asked and answered."""

    def __init__(self, seed: int, inner: Any = None) -> None:
        self.rng = random.Random(seed)
        self.inner = inner
        self.asked: list[float] = []
        self.answered: list[float] = []

    def role(self, roles: Any, current: str | None) -> str:
        return roles[0].id if self.inner is None else self.inner.role(roles, current)

    def question(self, q: Any, current: Any, can_back: bool, mark: str = "?",
                 notes: tuple[str, ...] = ()) -> Any:
        from spinout.questionnaire.replies import answer

        self.asked.append(time.perf_counter())
        value = random_answer(q, self.rng)
        reply = answer(value) if self.inner is None else self.inner.ask(q, value, can_back,
                                                                        mark)
        self.answered.append(time.perf_counter())
        return reply

    def review(self, numbers: Any, more: bool) -> Any:
        from spinout.questionnaire.prompts import ReviewChoice

        return ReviewChoice("next" if more else "finish")

    def own_times_ms(self) -> list[float]:
        """From each reply to the next question, in ms."""
        return [(nxt - done) * 1000 for done, nxt in zip(self.answered, self.asked[1:],
                                                         strict=False)]

    def step_times_ms(self) -> list[float]:
        """From one question being asked to the next, prompt included, in ms."""
        return [(b - a) * 1000 for a, b in zip(self.asked, self.asked[1:], strict=False)]


class Keyed:
    """The real questionary prompts, fed the keys for a chosen answer through a pipe."""

    def __init__(self) -> None:
        from prompt_toolkit.input import create_pipe_input
        from prompt_toolkit.output import DummyOutput

        from spinout.questionnaire.prompts import Prompter

        self._opened = create_pipe_input()  # kept, so the pipe stays open
        self._pipe = self._opened.__enter__()
        self.prompter = Prompter(input=self._pipe, output=DummyOutput())

    def role(self, roles: Any, current: str | None) -> str:
        self._pipe.send_text("\r")
        return self.prompter.role(roles, current)  # type: ignore[no-any-return]

    def ask(self, q: Any, value: Any, can_back: bool, mark: str) -> Any:
        kind = q.kind.prompt(q)
        if kind == "typed":
            self._pipe.send_text(("dk" if value == "dont_know" else str(value or "ok")) + "\r")
        elif kind == "checkbox":
            self._pipe.send_text(" \r")
        else:
            self._pipe.send_text("\r")
        return self.prompter.question(q, None, can_back, mark)


def run_once(rs: Any, folder: Path, seed: int, prompts: bool) -> Instant:
    from rich.console import Console

    from spinout.questionnaire.session import Session, load_answers

    path = folder / f"answers-{seed}{'-prompts' if prompts else ''}.yaml"
    con = Console(file=io.StringIO(), width=80, force_terminal=True, color_system="truecolor",
                  highlight=False, emoji=False)
    prompter = Instant(seed, Keyed() if prompts else None)
    Session(rs, path, None, prompter, con, load_answers(rs, path)).run()
    return prompter


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--prompts", action="store_true",
                        help="Also time each step with the real questionary prompts.")
    args = parser.parse_args()
    from spinout.ruleset.loader import load_ruleset

    rs = load_ruleset(None)
    own: list[float] = []
    steps: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        run_once(rs, Path(tmp), 0, False)  # warm imports and caches
        for seed in range(1, args.runs + 1):
            own.extend(run_once(rs, Path(tmp), seed, False).own_times_ms())
        if args.prompts:
            for seed in range(1, args.runs + 1):
                steps.extend(run_once(rs, Path(tmp), seed, True).step_times_ms())
    median = statistics.median(own)
    p95 = statistics.quantiles(own, n=20)[-1]
    print(f"assess, own time from an answer to the next question ({len(own)} steps, "
          f"{args.runs} runs, {len(rs.questions)}-question rule set, save with fsync)")
    print(f"  median {median:6.1f} ms   95th percentile {p95:6.1f} ms   slowest {max(own):6.1f} ms"
          f"   (target: median under {TARGET_MS:g} ms)")
    if steps:
        print(f"  with the real prompts fed by a pipe: median step {statistics.median(steps):.1f}"
              f" ms, 95th percentile {statistics.quantiles(steps, n=20)[-1]:.1f} ms")
    print("within target" if median < TARGET_MS else "OVER TARGET")
    return 0


if __name__ == "__main__":
    sys.exit(main())
