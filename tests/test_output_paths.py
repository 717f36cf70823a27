"""Special output paths and the output guard (issue 12, points 4 and 5): a path that exists and
is not a regular file is written as it is, never read, renamed or replaced; a link is written
through; an answers file is never overwritten, however it is written or named."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from spinout.__main__ import main
from spinout.errors import OutputError
from spinout.output import check_output, is_special, write_output

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "fixtures" / "mini" / "rules"
ONE = TESTS / "fixtures" / "answers" / "report_individual.yaml"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


class Reader(threading.Thread):
    """Reads a FIFO to its end, as `cmd` in `-o >(cmd)` would."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path, self.data = path, b""

    def run(self) -> None:
        with open(self.path, "rb") as handle:
            self.data = handle.read()


def spinout(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "spinout", *args], capture_output=True,
                          text=True, timeout=60, check=False)


@needs_fifo
@pytest.mark.parametrize("command", [
    ["report", str(ONE), "--rules", str(MINI)],
    ["form", "--rules", str(MINI)],
    ["compare", str(ONE), str(ONE), "--rules", str(MINI)],
])
def test_a_fifo_is_written_as_it_is(tmp_path: Path, command: list[str]) -> None:
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    reader = Reader(fifo)
    reader.start()
    done = spinout(*command, "-o", str(fifo))
    reader.join(timeout=30)
    assert done.returncode == 0, done.stderr
    assert reader.data.startswith(b"# ")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


@needs_fifo
def test_a_fifo_without_a_suffix_gets_the_default_format(tmp_path: Path) -> None:
    """`-o >(cmd)` names /dev/fd/63: no suffix, yet a pipe, so Markdown (or --format)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = Reader(fifo)
    reader.start()
    done = spinout("report", str(ONE), "--rules", str(MINI), "-o", str(fifo))
    reader.join(timeout=30)
    assert done.returncode == 0, done.stderr
    assert reader.data.startswith(b"# Readiness report")


@needs_fifo
def test_the_output_check_never_opens_a_fifo(tmp_path: Path) -> None:
    """With no reader, opening the FIFO to read it would wait for ever."""
    fifo = tmp_path / "answers-like.md"
    os.mkfifo(fifo)
    assert is_special(fifo)
    check_output(fifo, [ONE])


@needs_fifo
def test_a_link_to_a_fifo_is_written_through(tmp_path: Path) -> None:
    """Like `-o /dev/stdout` when stdout is a pipe: the link stays, the pipe gets the text."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"
    link.symlink_to(fifo)
    reader = Reader(fifo)
    reader.start()
    write_output(link, "hello\n")
    reader.join(timeout=30)
    assert reader.data == b"hello\n"
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_link_to_a_file_in_another_folder_is_written_through(tmp_path: Path) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    target = there / "real.md"
    target.write_text("old\n", encoding="utf-8")
    link = here / "report.md"
    link.symlink_to(target)
    assert main(["report", str(ONE), "--rules", str(MINI), "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("# Readiness report")
    assert [p.name for p in here.iterdir()] == ["report.md"]
    assert [p.name for p in there.iterdir()] == ["real.md"]


def test_a_character_device_is_written_as_it_is(tmp_path: Path) -> None:
    """Through a link to os.devnull, so the real /dev is only ever written, never replaced."""
    if not Path(os.devnull).exists() or not stat.S_ISCHR(os.stat(os.devnull).st_mode):
        pytest.skip("no null device")
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    assert main(["report", str(ONE), "--rules", str(MINI), "-o", str(link)]) == 0
    assert link.is_symlink() and stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


# --- the guard: answers files are never overwritten ---------------------------------------


@pytest.mark.parametrize("text", [
    "\ufeffformat: 1\nrules: {name: mini}\nanswers:\n  has_plan: draft\n",
    '"format": 1\n"rules": {"name": "mini"}\n\'answers\': {has_plan: draft}\n',
    "{format: 1, rules: {name: mini}, answers: {has_plan: draft}}\n",
    "# my answers\n---\nformat: 1\nanswers: {}\n",
])
def test_an_answers_file_however_written_is_refused_as_output(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str) -> None:
    other = tmp_path / "other.md"
    other.write_text(text, encoding="utf-8")
    before = other.read_bytes()
    assert main(["report", str(ONE), "--rules", str(MINI), "-o", str(other)]) == 1
    assert "looks like an answers file" in capsys.readouterr().err
    assert other.read_bytes() == before


def test_a_new_answers_file_and_the_report_cannot_share_a_name(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError, match="one of the answers files"):
        check_output(Path("./x.md"), [Path("x.md")])
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(OutputError, match="one of the answers files"):
        check_output(Path("link/x.md"), [Path("real/x.md")])
    check_output(Path("y.md"), [Path("x.md")])


def test_assess_refuses_before_saving_when_answers_and_report_are_one_file(
        tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "spinout", "assess", "--answers", "x.md",
                           "--out", "./x.md", "--rules", str(MINI)], cwd=tmp_path,
                          capture_output=True, text=True, input="", timeout=60, check=False)
    assert done.returncode == 1
    assert "one of the answers files" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_hard_link_to_an_input_is_refused(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("not: an answers file\n", encoding="utf-8")
    os.link(answers, tmp_path / "b.md")
    with pytest.raises(OutputError, match="one of the answers files"):
        check_output(tmp_path / "b.md", [answers])


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="no /proc/self/fd")
def test_another_open_file_reached_through_proc_is_appended_to_never_replaced(
        tmp_path: Path) -> None:
    """`-o /dev/stdout >> log.md`: the shell's open file is written, the log kept."""
    log = tmp_path / "log.md"
    log.write_text("first\n", encoding="utf-8")
    with open(log, "ab") as shell_side:
        target = Path(f"/proc/self/fd/{shell_side.fileno()}")
        assert is_special(target)
        write_output(target, "second\n")
        inode = os.fstat(shell_side.fileno()).st_ino
    assert log.read_text(encoding="utf-8") == "first\nsecond\n"
    assert log.stat().st_ino == inode
