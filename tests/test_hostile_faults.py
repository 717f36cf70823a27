"""Faults: crashes mid-save, full disks, read-only folders, two writers, bad output paths."""

from __future__ import annotations

import errno
import importlib.util
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from spinout.__main__ import main
from spinout.answers import store
from spinout.answers.model import AnswersFile, new_answers
from spinout.errors import OutputError

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "rules"
BIG = 300_000


def version(rs: Any, k: int) -> AnswersFile:
    """A large answers file whose every part says which version it is."""
    return new_answers(rs, role="frontline", respondent_id=f"v{k}-" + "y" * BIG) \
        .with_answer("has_plan", ("none", "draft", "agreed")[k % 3]) \
        .with_answer("comments", f"version {k} " + "x" * 9_000 + f" end {k}")


def version_of(path: Path, rs: Any) -> int:
    """Which complete version is on disk (fails on anything truncated or mixed)."""
    checked = store.load(path, rs)
    rid = checked.answers.respondent.id
    k = int(rid[1:rid.index("-")])
    assert rid == f"v{k}-" + "y" * BIG
    assert checked.answers.answers["comments"] == f"version {k} " + "x" * 9_000 + f" end {k}"
    assert checked.answers.answers["has_plan"] == ("none", "draft", "agreed")[k % 3]
    return k


# Saves version 1, 2, 3, ... of a large file, announcing each just before its bytes are written.
_SAVER = """
import sys
from pathlib import Path
from spinout.ruleset.loader import load_ruleset
from spinout.answers import store
sys.path.insert(0, {tests!r})
from test_hostile_faults import version
rs = load_ruleset(Path({mini!r}))
path = Path({path!r})
write_atomic = store.write_atomic


def announced(target, data):
    print(k, flush=True)
    write_atomic(target, data)


store.write_atomic = announced
k = 1
while True:
    store.save(path, version(rs, k))
    k += 1
"""


@pytest.mark.parametrize("kill_at", [1, 2, 5, 13])
def test_kill_9_mid_save_leaves_a_complete_file(mini_rules: Any, tmp_path: Path,
                                               kill_at: int) -> None:
    path = tmp_path / "answers.yaml"
    store.save(path, version(mini_rules, 0))
    code = _SAVER.format(tests=str(ROOT / "tests"), mini=str(MINI), path=str(path))
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        announced = [child.stdout.readline() for _ in range(kill_at)]
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        announced += child.stdout.read().split()
        last_started = int(announced[-1])
    finally:
        child.kill()
        if child.stdout:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert version_of(path, mini_rules) in (last_started - 1, last_started)
    strays = [p for p in tmp_path.iterdir() if p != path]
    assert all(p.name.startswith(".answers.yaml.") and p.suffix == ".tmp" for p in strays)
    if importlib.util.find_spec("spinout.bulk"):
        from spinout.bulk import expand

        assert expand([tmp_path]) == [path]
    store.save(path, version(mini_rules, 99))
    assert version_of(path, mini_rules) == 99


def test_save_replaces_in_one_step(mini_rules: Any, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is only ever replaced by rename, after the new bytes are flushed to disk."""
    path = tmp_path / "answers.yaml"
    store.save(path, version(mini_rules, 1))
    calls: list[tuple[str, Any]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append(("fsync", fd))
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        assert version_of(path, mini_rules) == 1, "the old file was touched before the rename"
        calls.append(("replace", Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    store.save(path, version(mini_rules, 2))
    assert [c[0] for c in calls] == ["fsync", "replace"]
    assert calls[1][1] == path
    assert version_of(path, mini_rules) == 2
    assert list(tmp_path.iterdir()) == [path]


class _FullDisk:
    """A file handle whose writes fail as on a full disk."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)


def test_full_disk_keeps_the_old_file(mini_rules: Any, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "answers.yaml"
    store.save(path, version(mini_rules, 1))
    before = path.read_bytes()
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: _FullDisk(real_fdopen(*a, **k)))
    with pytest.raises(OutputError) as caught:
        store.save(path, version(mini_rules, 2))
    (problem,) = caught.value.problems
    assert str(problem) == (f"{path}: could not save (No space left on device); the previous "
                            "file is unchanged — free some disk space or choose another folder")
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def test_full_disk_on_flush_keeps_the_old_file(mini_rules: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "answers.yaml"
    store.save(path, version(mini_rules, 1))
    before = path.read_bytes()

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OutputError, match="No space left on device"):
        store.save(path, version(mini_rules, 2))
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def test_unwritable_folder_is_a_clear_error(mini_rules: Any, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The error path as a read-only folder takes it (runs even as root)."""
    import tempfile

    path = tmp_path / "answers.yaml"
    store.save(path, version(mini_rules, 1))
    before = path.read_bytes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError) as caught:
        store.save(path, version(mini_rules, 2))
    assert str(caught.value.problems[0]) == (
        f"{path}: cannot write here (Permission denied) — check the folder exists and is "
        "writable")
    assert path.read_bytes() == before


def test_read_only_folder_keeps_the_old_file(mini_rules: Any, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "answers.yaml"
    store.save(path, version(mini_rules, 1))
    before = path.read_bytes()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("permissions do not bind for this user (root)")
        with pytest.raises(OutputError, match="cannot write here"):
            store.save(path, version(mini_rules, 2))
        assert path.read_bytes() == before
        assert list(folder.iterdir()) == [path]
    finally:
        folder.chmod(stat.S_IRWXU)


def test_missing_folder_is_a_clear_error(mini_rules: Any, tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "answers.yaml"
    with pytest.raises(OutputError, match="cannot write here"):
        store.save(path, version(mini_rules, 1))
    assert not path.parent.exists()


# --- two writers --------------------------------------------------------------------------


_HOLDER = """
import sys
from pathlib import Path
from spinout.answers.store import locked
with locked(Path({path!r})):
    print("locked", flush=True)
    sys.stdin.read()
"""


def _hold_lock(path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER.format(path=str(path))],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    assert holder.stdout.readline() == "locked\n"
    return holder


def _release(holder: subprocess.Popen[str]) -> None:
    try:
        holder.communicate("", timeout=60)
    finally:
        holder.kill()


def test_second_writer_is_refused_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    from spinout.errors import AnswersError

    path = tmp_path / "answers.yaml"
    holder = _hold_lock(path)
    try:
        with pytest.raises(AnswersError) as caught, store.locked(path):
            pytest.fail("a second lock was granted")
        (problem,) = caught.value.problems
        assert str(problem).startswith(f"{path}: this answers file is in use by another "
                                       f"`spinout assess` (pid {holder.pid})")
    finally:
        _release(holder)
    with store.locked(path):
        pass
    assert not (tmp_path / "answers.yaml.lock").exists()


def _assess_cli_exists() -> bool:
    return importlib.util.find_spec("spinout.questionnaire.session") is not None


@pytest.mark.skipif(not _assess_cli_exists(), reason="`spinout assess` is not implemented yet")
def test_second_assess_on_the_same_file_is_refused(mini_rules: Any, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    store.save(path, new_answers(mini_rules, role="frontline").with_answer("has_plan", "draft"))
    before = path.read_bytes()
    holder = _hold_lock(path)
    try:
        done = subprocess.run([sys.executable, "-m", "spinout", "assess", "--answers", str(path),
                               "--rules", str(MINI), "--no-input", "--out",
                               str(tmp_path / "report.md")],
                              capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    finally:
        _release(holder)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert f"{path}: this answers file is in use by another `spinout assess`" in done.stderr
    assert path.read_bytes() == before
    assert not (tmp_path / "report.md").exists()


# --- output paths refused before any work -------------------------------------------------


def _no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    import spinout.ruleset.loader as loader

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("work started before the output path was checked")

    monkeypatch.setattr(loader, "load_ruleset", never)



@pytest.mark.parametrize("target, says", [
    ("missing/report.md", "the folder `missing` does not exist"),
    ("answers.yaml", "is one of the answers files"),
    ("other-answers.yaml", "looks like an answers file"),
    (".", "this is a folder"),
])
def test_report_output_refused_before_any_work(capsys: pytest.CaptureFixture[str],
                                               mini_rules: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch, target: str,
                                               says: str) -> None:
    monkeypatch.chdir(tmp_path)
    answers = new_answers(mini_rules, role="frontline").with_answer("has_plan", "draft")
    store.save(tmp_path / "answers.yaml", answers)
    store.save(tmp_path / "other-answers.yaml", answers)
    before = {p: p.read_bytes() for p in tmp_path.iterdir()}
    _no_work(monkeypatch)
    code = main(["report", "answers.yaml", "--rules", str(MINI), "--format", "md", "-o", target])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1
    assert err.startswith(f"{target}: ")
    assert says in err
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == before


def _fail_in_fsync(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    def fsync(fd: int) -> None:
        raise exc

    monkeypatch.setattr(os, "fsync", fsync)


@pytest.mark.parametrize("exc, code", [(OSError(errno.ENOSPC, "No space left on device"), 1),
                                       (KeyboardInterrupt(), 130)], ids=["full", "ctrl-c"])
def test_report_cut_short_while_writing_keeps_the_old_report(
        capsys: pytest.CaptureFixture[str], mini_rules: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, exc: BaseException, code: int) -> None:
    monkeypatch.chdir(tmp_path)
    store.save(tmp_path / "answers.yaml",
               new_answers(mini_rules, role="frontline").with_answer("has_plan", "draft"))
    (tmp_path / "report.md").write_text("the previous report\n", encoding="utf-8")
    _fail_in_fsync(monkeypatch, exc)
    assert main(["report", "answers.yaml", "--rules", str(MINI), "-o", "report.md"]) == code
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if code == 1:
        assert err == ("report.md: could not save (No space left on device); the previous file "
                       "is unchanged — free some disk space or choose another folder\n")
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml", "report.md"]


def test_ctrl_c_mid_save_keeps_the_old_file_and_no_temporary(
        mini_rules: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "answers.yaml"
    store.save(path, version(mini_rules, 1))
    _fail_in_fsync(monkeypatch, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        store.save(path, version(mini_rules, 2))
    assert version_of(path, mini_rules) == 1
    assert list(tmp_path.iterdir()) == [path]


def _command_exists(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


OUTPUT_COMMANDS = {
    "assess": ("spinout.questionnaire.session",
               ["assess", "--answers", "answers.yaml", "--no-input", "--out"]),
    "compare": ("spinout.report.compare", ["compare", "answers.yaml", "second.yaml", "-o"]),
    "form": ("spinout.forms", ["form", "-o"]),
}


@pytest.mark.parametrize("command", OUTPUT_COMMANDS)
@pytest.mark.parametrize("target, says", [
    ("missing/out.md", "does not exist"),
    ("other-answers.md", "answers file"),
    ("report.pdf", "cannot tell the format"),
])
def test_other_outputs_refused_before_any_work(capsys: pytest.CaptureFixture[str],
                                               mini_rules: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch, command: str,
                                               target: str, says: str) -> None:
    module, args = OUTPUT_COMMANDS[command]
    if not _command_exists(module):
        pytest.skip(f"`spinout {command}` is not implemented yet")
    monkeypatch.chdir(tmp_path)
    answers = new_answers(mini_rules, role="frontline").with_answer("has_plan", "draft")
    for name in ("answers.yaml", "second.yaml", "other-answers.yaml", "other-answers.md"):
        store.save(tmp_path / name, answers)
    before = {p: p.read_bytes() for p in tmp_path.iterdir()}
    _no_work(monkeypatch)
    code = main([*args, target, "--rules", str(MINI)])
    out, err = capsys.readouterr()
    assert (code, out) == (2 if "format" in says else 1, "")
    assert "Traceback" not in err
    assert err.startswith(f"{target}: ")
    assert says in err
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.skipif(not _assess_cli_exists(), reason="`spinout assess` is not implemented yet")
def test_two_real_assess_runs_on_one_file(tmp_path: Path) -> None:
    """A questionnaire is open on the file in a terminal; a second `spinout assess` refuses."""
    import pexpect

    path = tmp_path / "answers.yaml"
    args = ["-m", "spinout", "assess", "--answers", str(path), "--rules", str(MINI), "--out",
            str(tmp_path / "report.md")]
    first = pexpect.spawn(sys.executable, args, env={**os.environ, "TERM": "xterm"},
                          dimensions=(40, 200), timeout=30, encoding="utf-8")
    try:
        first.expect("Frontline staff")
        second = subprocess.run([sys.executable, *args], capture_output=True, text=True,
                                timeout=60, stdin=subprocess.DEVNULL)
        first.sendcontrol("c")
        first.expect(pexpect.EOF)
    finally:
        first.close(force=True)
    assert second.returncode == 1
    assert "Traceback" not in second.stdout + second.stderr
    assert f"{path}: this answers file is in use by another `spinout assess`" in second.stderr
    assert first.exitstatus == 130
    assert not (tmp_path / "report.md").exists()
