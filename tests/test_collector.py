"""When the cycle collector runs: off while a command starts (``spinout.__main__.run``), on
again for the work that runs long: a pooled group of answers files (parent and every worker)
and the questionnaire."""

from __future__ import annotations

import gc
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from spinout import __main__ as entry
from spinout import bulk
from spinout.ruleset.loader import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "rules"
GROUP = ROOT / "tests" / "fixtures" / "answers" / "report_group"
_REAL_CHUNK = bulk._work_chunk


@pytest.fixture(autouse=True)
def collecting_after() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


def _chunk_with_the_collector_on(names: list[str]) -> Any:
    """A worker's chunk, refused unless the worker collects cycles (a forked worker inherits
    its parent's setting)."""
    if not gc.isenabled():
        raise RuntimeError("the collector is off in a worker")
    return _REAL_CHUNK(names)


def test_a_command_starts_with_the_collector_off_and_exits_with_its_code(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(entry, "main", lambda: seen.append(gc.isenabled()) or 3)
    with pytest.raises(SystemExit) as exited:
        entry.run()
    assert exited.value.code == 3 and seen == [False]


def test_a_pooled_group_collects_in_the_parent_and_every_worker(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "g"
    shutil.copytree(GROUP, folder)
    rs = load_ruleset(MINI)
    monkeypatch.setattr(bulk, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(bulk, "_work_chunk", _chunk_with_the_collector_on)
    gc.disable()
    loaded = bulk.group_many(bulk.expand([folder]), rs, progress=False)
    assert loaded.group.respondents > 2 and gc.isenabled()


def test_the_questionnaire_collects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from spinout.questionnaire import session

    seen: list[bool] = []

    def run(self: session.Session) -> Any:
        seen.append(gc.isenabled())
        return self.file

    monkeypatch.setattr(session.Session, "run", run)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    gc.disable()
    session.run_assess(tmp_path / "a.yaml", MINI, tmp_path / "r.md", no_input=False)
    assert seen == [True]
