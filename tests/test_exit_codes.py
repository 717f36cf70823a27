"""Exit codes and the error boundary: 0 ok, 1 bad input, 2 usage, 70 internal, 130 interrupted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from spinout.__main__ import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    main,
)

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "rules"
CHECK_MINI = ["rules", "check", "--rules", str(MINI)]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_the_codes_are_the_documented_ones() -> None:
    import spinout.__main__ as entry

    assert (EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED) == (
        0, 1, 2, 70, 130)
    for code in ("0 success", "1 bad input", "2 usage", "70 an unexpected", "130 interrupted"):
        assert code in entry.__doc__


@pytest.mark.parametrize("args", [["--version"], ["-V"]])
def test_version_exits_0(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    from spinout import __version__

    assert run(capsys, *args) == (EXIT_OK, f"spinout {__version__}\n", "")


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["rules", "--help"], ["assess", "-h"],
                                  ["report", "--help"]])
def test_help_exits_0(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, out, err = run(capsys, *args)
    assert (code, err) == (EXIT_OK, "")
    assert out.startswith("Usage: spinout")


def test_a_passing_check_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *CHECK_MINI)
    assert code == EXIT_OK
    assert out.startswith("ok: mini 0.1")


@pytest.mark.parametrize("args, says", [
    (["--bogus"], "No such option: --bogus"),
    (["rules", "check", "--nope"], "No such option: --nope"),
    (["sources", "show"], "Missing argument 'ID'"),
    (["compare", "only-one.yaml"], "Missing argument 'NEW'"),
    (["import", "survey.csv"], "Missing option '--output'"),
    (["frobnicate"], "No such command 'frobnicate'"),
    (["rules", "check", "--rules"], "requires an argument"),
    (["rules", "show", "a", "b"], "unexpected extra argument"),
])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str],
                             says: str) -> None:
    code, out, err = run(capsys, *args)
    assert code == EXIT_USAGE
    assert says in err
    assert out == ""


@pytest.mark.parametrize("args", [[], ["rules"]])
def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str],
                                            args: list[str]) -> None:
    code, out, err = run(capsys, *args)
    assert code == EXIT_USAGE
    assert "Usage: spinout" in out + err
    assert "Commands:" in out + err


def test_a_spinout_usage_error_exits_2(capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "rules", "init", str(tmp_path))
    assert code == EXIT_USAGE
    assert err.startswith(f"{tmp_path}: ")
    assert len(err.splitlines()) == 1
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_bad_input_exits_1_with_one_located_line(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    code, out, err = run(capsys, "rules", "check", "--rules", str(tmp_path / "missing"))
    assert (code, out) == (EXIT_BAD_INPUT, "")
    assert err == f"{tmp_path / 'missing'}: no such rules folder — give the folder holding the " \
        "rule files, e.g. `--rules rules`\n"


def test_several_problems_are_counted(capsys: pytest.CaptureFixture[str],
                                      tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "a.yaml").write_text("a: 1\na: 2\n", encoding="utf-8")
    (rules / "b.yaml").write_text("", encoding="utf-8")
    code, _, err = run(capsys, "rules", "check", "--rules", str(rules))
    lines = err.splitlines()
    assert code == EXIT_BAD_INPUT
    assert lines[0].startswith("rules/a.yaml:2:1: duplicate key `a`")
    assert lines[1].startswith("rules/b.yaml:1:1: the file is empty")
    assert lines[2:] == ["2 problems found."]


def _fail_in_check(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    import spinout.ruleset.describe as describe

    def boom(rules: object) -> str:
        raise exc

    monkeypatch.setattr(describe, "check_summary", boom)


@pytest.mark.parametrize("exc", [KeyboardInterrupt(), EOFError()])
def test_interrupted_exits_130(capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    _fail_in_check(monkeypatch, exc)
    code, out, err = run(capsys, *CHECK_MINI)
    assert (code, out) == (EXIT_INTERRUPTED, "")


def test_interrupted_while_starting_exits_130(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import spinout.__main__ as entry

    def interrupted(args: list[str]) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(entry, "_run", interrupted)
    code, out, err = run(capsys, *CHECK_MINI)
    assert (code, out, err) == (EXIT_INTERRUPTED, "", "\nInterrupted.\n")


def test_internal_error_prints_one_line_and_logs_the_traceback(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    _fail_in_check(monkeypatch, ZeroDivisionError("the secret detail"))
    code, out, err = run(capsys, *CHECK_MINI)
    assert (code, out) == (EXIT_INTERNAL, "")
    assert len(err.splitlines()) == 1
    assert err.startswith("spinout: internal error; details were written to ")
    assert "the secret detail" not in err
    logs = list(tmp_path.glob("spinout-error-*.log"))
    assert len(logs) == 1
    assert str(logs[0]) in err
    log = logs[0].read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log
    assert "ZeroDivisionError: the secret detail" in log
    assert f"arguments: 'rules' 'check' '--rules' '{MINI}'" in log


def test_internal_error_when_the_log_cannot_be_written(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))
    _fail_in_check(monkeypatch, RuntimeError("boom"))
    code, out, err = run(capsys, *CHECK_MINI)
    assert (code, out) == (EXIT_INTERNAL, "")
    assert len(err.splitlines()) == 1
    assert err.startswith("spinout: internal error; the details could not be logged")


def test_closed_stdout_pipe_is_quiet(capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import spinout.__main__ as entry

    _fail_in_check(monkeypatch, BrokenPipeError())
    monkeypatch.setattr(entry, "_silence_stdout", lambda: None)
    code, out, err = run(capsys, *CHECK_MINI)
    assert (code, out, err) == (EXIT_BAD_INPUT, "", "")


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["sources", "show", "le_grand"],
                                  ["rules", "show", "--json", "--rules", str(MINI)]])
def test_closed_stdout_pipe_in_a_real_process(tmp_path: Path, args: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "-m", "spinout", *args], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=60, cwd=tmp_path)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (EXIT_BAD_INPUT, "")


def _child(code: str, tmp_path: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(ROOT / "src")}
    env.pop("COVERAGE_PROCESS_START", None)
    return subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, cwd=tmp_path)


_PATCHED_RUN = """
import sys
import spinout.ruleset.describe as describe
from spinout.__main__ import main
describe.check_summary = {replacement}
sys.exit(main(["rules", "check", "--rules", {mini!r}]))
"""


def test_internal_error_in_a_real_process(tmp_path: Path) -> None:
    child = _child(_PATCHED_RUN.format(replacement="lambda rules: 1 / 0", mini=str(MINI)), tmp_path)
    out, err = child.communicate(timeout=60)
    assert child.returncode == EXIT_INTERNAL
    assert "Traceback" not in out + err
    assert len(err.splitlines()) == 1
    (log,) = tmp_path.glob("spinout-error-*.log")
    assert str(log) in err
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")


def test_ctrl_c_in_a_real_process_exits_130(tmp_path: Path) -> None:
    waits = "lambda rules: (print('ready', flush=True), sys.stdin.read())[1]"
    child = _child(_PATCHED_RUN.format(replacement=waits, mini=str(MINI)), tmp_path)
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
    finally:
        child.kill()
    assert child.returncode == EXIT_INTERRUPTED
    assert "Traceback" not in out + err


@pytest.mark.parametrize("args, code", [(["--bogus"], EXIT_USAGE),
                                        (["rules", "check", "--rules", "/nonexistent"],
                                         EXIT_BAD_INPUT),
                                        (["--version"], EXIT_OK)])
def test_python_m_spinout_exit_codes(tmp_path: Path, args: list[str], code: int) -> None:
    done = subprocess.run([sys.executable, "-m", "spinout", *args], capture_output=True,
                          text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == code
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
def test_narrow_output_encodings_do_not_crash(tmp_path: Path, encoding: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "spinout", "rules", "show", "has_plan",
                           "--rules", str(MINI)], capture_output=True, timeout=60, env=env,
                          cwd=tmp_path)
    assert (done.returncode, done.stderr) == (EXIT_OK, b"")
    out = done.stdout.decode(encoding)
    assert "five key issues that the taskforce must help" in out
    assert "Traceback" not in out
