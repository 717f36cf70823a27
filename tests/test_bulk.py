"""Loading many answers files: in-process and pooled, all errors together, progress bar."""

from __future__ import annotations

import io

import pytest
from group_helpers import group_rules_dir, make_file, pairs

from spinout import bulk
from spinout.answers.store import save
from spinout.engine.group import aggregate
from spinout.errors import AnswersError


@pytest.fixture(scope="module")
def rs(tmp_path_factory):
    from spinout.ruleset.loader import load_ruleset

    return load_ruleset(group_rules_dir(tmp_path_factory.mktemp("bulk")))


def _files(rs):
    roles = ["frontline", "senior", None]
    plans = ["none", "draft", "agreed"]
    return [make_file(rs, roles[i % 3], f"r{i}", has_plan=plans[i % 3], managers=1 + i % 5,
                      staff=40, comments=f"note {i}")
            for i in range(11)]


@pytest.fixture()
def folder(tmp_path, rs):
    target = tmp_path / "answers"
    target.mkdir()
    for i, f in enumerate(_files(rs)):
        save(target / f"r{i:02d}.yaml", f)
    return target


@pytest.fixture(params=["in_process", "pooled"])
def mode(request, monkeypatch):
    if request.param == "pooled":
        monkeypatch.setattr(bulk, "POOL_THRESHOLD", 2)
        monkeypatch.setattr(bulk, "CHUNK", 3)
    return request.param


def test_expand_lists_answers_files_in_name_order(folder, tmp_path):
    (folder / ".hidden.yaml").write_text("x", encoding="utf-8")
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    extra = tmp_path / "extra.yml"
    extra.write_text("x", encoding="utf-8")
    found = bulk.expand([folder, extra])
    assert [p.name for p in found] == [f"r{i:02d}.yaml" for i in range(11)] + ["extra.yml"]


def test_expand_names_missing_paths_and_empty_folders(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(AnswersError) as exc:
        bulk.expand([tmp_path / "missing.yaml", tmp_path / "empty"])
    text = str(exc.value)
    assert "missing.yaml: no such file or folder" in text
    assert "no answers files" in text


def test_load_many_reads_every_file_in_order(folder, rs, mode):
    checked = bulk.load_many(bulk.expand([folder]), rs, progress=False)
    assert [c.answers.respondent.id for c in checked] == [f"r{i}" for i in range(11)]
    assert all(not c.errors for c in checked)


def test_group_many_equals_aggregate(folder, rs, mode):
    loaded = bulk.group_many(bulk.expand([folder]), rs, progress=False, include_comments=True)
    expected = aggregate(rs, pairs(rs, _files(rs)), include_comments=True)
    assert loaded.group == expected
    assert loaded.group.staff_count == 40
    assert len(loaded.group.comments) == 11


def test_assess_many_gives_essentials_that_aggregate_the_same(folder, rs, mode):
    found = bulk.assess_many(bulk.expand([folder]), rs, progress=False)
    assert all(a.next_actions == () and a.unknowns == () for _, a in found)
    group = aggregate(rs, [(c.answers, a) for c, a in found])
    assert group == aggregate(rs, pairs(rs, _files(rs)))


def test_errors_of_every_file_come_together_sorted(folder, rs, mode):
    (folder / "r03.yaml").write_text("format: 1\nrules: {name: mini}\nanswers:\n"
                                     "  has_plan: maybe\n", encoding="utf-8")
    (folder / "r07.yaml").write_text("format: 1\nanswers: [oops\n", encoding="utf-8")
    (folder / "r01.yaml").write_text("format: 1\nrules: {name: mini}\nanswers:\n"
                                     "  nonsense: 1\n", encoding="utf-8")
    with pytest.raises(AnswersError) as exc:
        bulk.group_many(bulk.expand([folder]), rs, progress=False)
    files = [p.file.rsplit("/", 1)[-1] for p in exc.value.problems]
    assert files == sorted(files)
    assert {"r01.yaml", "r03.yaml", "r07.yaml"} == set(files)
    text = str(exc.value)
    assert "r03.yaml:4:" in text and "`maybe` is not an option" in text
    assert "r01.yaml:4:" in text and "unknown question `nonsense`" in text


def test_warnings_are_kept(folder, rs):
    (folder / "r05.yaml").write_text(
        (folder / "r05.yaml").read_text(encoding="utf-8").replace(
            "has_plan: agreed", "has_plan: none\n  plan_tested: true"), encoding="utf-8")
    loaded = bulk.group_many(bulk.expand([folder]), rs, progress=False)
    assert any("no longer applies" in w.message for w in loaded.warnings)


def test_progress_bar_only_on_a_terminal_for_long_runs():
    from spinout import progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert progress.wanted(5000, stream=Tty())
    assert not progress.wanted(5000, stream=io.StringIO())
    assert not progress.wanted(3, stream=Tty())
    assert not progress.wanted(5000, enabled=False, stream=Tty())


def test_progress_tracker_counts_without_a_bar():
    from spinout.progress import progress

    with progress("Reading", 3) as tracker:
        tracker.advance()
        tracker.advance(2)
    assert tracker.done == 3 and not tracker.shown


def test_progress_bar_draws_on_stderr_when_wanted(monkeypatch, capsys):
    from spinout import progress

    monkeypatch.setattr(progress, "wanted", lambda total, enabled=True, stream=None: True)
    with progress.progress("Reading [bold]files[/bold]", 500) as tracker:
        tracker.advance(500)
    assert tracker.shown and tracker.done == 500
    assert capsys.readouterr().out == ""


def test_a_pooled_run_leaves_this_process_collecting_as_before(folder, rs, monkeypatch):
    """The pool's parent freezes what is alive while the workers run (they share it) and
    unfreezes it after, whatever happens; the workers' own settings stay in the workers."""
    import gc

    monkeypatch.setattr(bulk, "POOL_THRESHOLD", 2)
    threshold = gc.get_threshold()
    bulk.group_many(bulk.expand([folder]), rs, progress=False)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == threshold
    monkeypatch.setattr(bulk, "_work_chunk", None)  # a worker fails: the pool is torn down
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever the pool raises
        bulk.group_many(bulk.expand([folder]), rs, progress=False)
    assert gc.get_freeze_count() == 0
