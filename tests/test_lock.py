"""The lock beside an answers file: stale lock files are taken over, and a lock path that is a
link, a folder or a pipe is refused without anything being written through it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from spinout.answers import store
from spinout.errors import AnswersError, OutputError

HOLDER = """
import sys
from pathlib import Path
from spinout.answers.store import locked
with locked(Path({path!r})):
    print("locked", flush=True)
    sys.stdin.read()
"""


def test_a_lock_file_left_by_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    lock = tmp_path / "a.yaml.lock"
    lock.write_text("pid 999999")
    with store.locked(path):
        assert lock.read_text() == f"pid {os.getpid()}"
    assert not lock.exists()


def test_a_holder_killed_outright_leaves_no_lock_held(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER.format(path=str(path))],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    with pytest.raises(AnswersError, match=f"pid {holder.pid}"), store.locked(path):
        pytest.fail("a second lock was granted")
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    assert (tmp_path / "a.yaml.lock").exists()  # left behind, but no longer locked
    with store.locked(path):
        pass
    assert not (tmp_path / "a.yaml.lock").exists()


def test_a_symlinked_lock_file_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me\n")
    (tmp_path / "a.yaml.lock").symlink_to(victim)
    with pytest.raises(OutputError) as caught, store.locked(tmp_path / "a.yaml"):
        pytest.fail("the lock was taken through a link")
    (problem,) = caught.value.problems
    assert problem.message == "cannot use the lock file (it is a symbolic link)"
    assert problem.file == str(tmp_path / "a.yaml.lock")
    assert victim.read_text() == "keep me\n"
    assert (tmp_path / "a.yaml.lock").is_symlink()


def test_a_dangling_symlink_creates_nothing_at_its_target(tmp_path: Path) -> None:
    (tmp_path / "a.yaml.lock").symlink_to(tmp_path / "made-by-spinout")
    with pytest.raises(OutputError), store.locked(tmp_path / "a.yaml"):
        pytest.fail("the lock was taken through a link")
    assert not (tmp_path / "made-by-spinout").exists()


def test_a_hard_linked_lock_file_is_not_written(tmp_path: Path) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me\n")
    os.link(victim, tmp_path / "a.yaml.lock")
    with pytest.raises(OutputError, match="not a plain file"), store.locked(tmp_path / "a.yaml"):
        pytest.fail("the lock was taken on a file with another name")
    assert victim.read_text() == "keep me\n"


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_lock_path_that_is_no_plain_file_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    lock = tmp_path / "a.yaml.lock"
    lock.mkdir() if kind == "folder" else os.mkfifo(lock)
    with pytest.raises(OutputError) as caught, store.locked(tmp_path / "a.yaml"):
        pytest.fail("the lock was taken")
    assert caught.value.problems[0].file == str(lock)
    assert lock.exists()
