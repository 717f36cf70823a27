"""The answer-step benchmark drives a real session through the prompter's interface; this
keeps it in step with that interface (timings are the benchmark's to print, never asserted)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def _bench() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("bench_answer_step",
                                                      BENCH / "bench_answer_step.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


@pytest.mark.parametrize("prompts", [False, True])
def test_a_whole_session_runs_through_the_benchmark(tmp_path: Path, prompts: bool) -> None:
    from spinout.ruleset.loader import load_ruleset

    rs = load_ruleset(None)
    bench = _bench()
    sys.path.insert(0, str(BENCH))
    try:
        run = bench.run_once(rs, tmp_path, 1, prompts)
    finally:
        sys.path.remove(str(BENCH))
    times = run.step_times_ms() if prompts else run.own_times_ms()
    assert len(times) >= len(rs.questions) // 2
    assert (tmp_path / f"answers-1{'-prompts' if prompts else ''}.yaml").is_file()
