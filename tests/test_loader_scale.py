"""The generated rule set of benchmarks/bench_load.py is valid, so the benchmark measures a
full, successful load (the timings themselves are printed by the benchmark, not tested)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from spinout.ruleset.citecheck import source_texts
from spinout.ruleset.describe import citation_counts
from spinout.ruleset.loader import load_ruleset

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_load.py"


def _bench():  # noqa: ANN202 - a module loaded from a path
    spec = importlib.util.spec_from_file_location("bench_load", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_rule_set_loads_and_cites_real_passages(tmp_path: Path) -> None:
    rules = _bench().generate(tmp_path / "generated", questions=120)
    rs = load_ruleset(rules)
    assert len(rs.questions) == 120
    assert sum(1 for q in rs.questions if q.when is not None) == 38
    texts = source_texts(rs)
    cites = [c for q in rs.questions for c in q.cite]
    assert len(cites) == 120 and all(texts[c.source].find(c.quote) for c in cites)
    assert sum(citation_counts(rs).values()) == 8 + 120 + 24 + 6 + 6
