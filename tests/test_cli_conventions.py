"""Conventions every command shares: shell completion, `-` for standard input and output,
one refusal for unknown suffixes, SPINOUT_RULES, and help that keeps examples on their own
lines with plain metavars."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from spinout.__main__ import main

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "fixtures" / "mini" / "rules"
ONE = TESTS / "fixtures" / "answers" / "report_individual.yaml"
CSV_HEAD = "respondent_id,role,has_plan,plan_tested,staff,managers,helpers,comments\n"


def spinout(*args: str, env: dict[str, str] | None = None, stdin: bytes | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "spinout", *args], input=stdin,
                          capture_output=True, env={**os.environ, **(env or {})}, cwd=cwd,
                          timeout=120, check=False)


# --- completion -----------------------------------------------------------------------------


def bash_complete(words: str, cwd: Path | None = None) -> list[str]:
    parts = words.split(" ")
    done = spinout(env={"_SPINOUT_COMPLETE": "complete_bash", "COMP_WORDS": words,
                        "COMP_CWORD": str(len(parts) - 1)}, cwd=cwd)
    assert done.returncode == 0, done.stderr
    return done.stdout.decode().split()


def test_bash_completes_commands_and_options() -> None:
    assert bash_complete("spinout re") == ["report"]
    assert bash_complete("spinout rules s") == ["schema", "show"]
    assert "--include-comments" in bash_complete("spinout report --i")
    assert bash_complete("spinout report --format h") == ["html"]


def test_bash_completes_rule_ids_from_the_named_rule_set() -> None:
    assert bash_complete(f"spinout rules show --rules {MINI} has_") == ["has_plan"]
    assert bash_complete(f"spinout rules show --rules {MINI} plan") == [
        "plan", "plan_stage", "plan_tested", "planning"]
    assert bash_complete(f"spinout sources show --rules {MINI} ") == [
        "le_grand", "social_enterprise"]


def test_a_broken_rule_set_completes_nothing_and_quietly(tmp_path: Path) -> None:
    assert bash_complete(f"spinout rules show --rules {tmp_path} ") == []


def test_file_names_complete_by_suffix(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.md", "c.csv", "d.txt", ".hidden.yaml"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    assert bash_complete("spinout report ", cwd=tmp_path) == ["a.yaml", "sub/"]
    assert bash_complete("spinout report x.yaml -o ", cwd=tmp_path) == ["b.md", "c.csv", "sub/"]
    assert bash_complete("spinout import ", cwd=tmp_path) == ["c.csv", "sub/"]
    assert bash_complete("spinout report su", cwd=tmp_path) == ["sub/"]


def test_zsh_and_fish_complete_ids_with_their_kind() -> None:
    zsh = spinout(env={"_SPINOUT_COMPLETE": "complete_zsh",
                       "_TYPER_COMPLETE_ARGS": f"spinout rules show --rules {MINI} has_"})
    assert zsh.returncode == 0 and '"has_plan":"question"' in zsh.stdout.decode()
    fish = spinout(env={"_SPINOUT_COMPLETE": "complete_fish",
                        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
                        "_TYPER_COMPLETE_ARGS": f"spinout sources show --rules {MINI} le"})
    assert fish.returncode == 0 and fish.stdout.decode().startswith("le_grand\t")


def test_completion_scripts_are_offered() -> None:
    done = spinout("--show-completion", "bash",
                   env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert done.returncode == 0
    assert b"_SPINOUT_COMPLETE=complete_bash" in done.stdout


# --- `-` for standard input and output ------------------------------------------------------


def test_report_reads_standard_input_and_writes_standard_output() -> None:
    done = spinout("report", "-", "--rules", str(MINI), "--format", "json", "-o", "-",
                   stdin=ONE.read_bytes())
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["kind"] == "individual"


def test_problems_in_standard_input_are_located_there() -> None:
    bad = ONE.read_bytes().replace(b"has_plan: draft", b"has_plan: drafty")
    done = spinout("report", "-", "--rules", str(MINI), stdin=bad)
    assert done.returncode == 1 and done.stdout == b""
    assert done.stderr.decode().startswith("<stdin>:11:")


def test_standard_input_is_one_answers_file_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "-", str(ONE), "--rules", str(MINI)]) == 2
    assert "standard input can only be read as the one answers file" in capsys.readouterr().err


@pytest.mark.parametrize("args", [["form"], ["report", str(ONE)]])
def test_dash_output_is_standard_output(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([*args, "--rules", str(MINI), "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("# ")
    assert list(tmp_path.iterdir()) == []


def test_compare_reads_one_side_from_standard_input(tmp_path: Path) -> None:
    report = spinout("report", str(ONE), "--rules", str(MINI), "--format", "json").stdout
    done = spinout("compare", str(ONE), "-", "--rules", str(MINI), "-o", "-", "--format",
                   "json", stdin=report)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["kind"] == "comparison"


def test_import_reads_the_csv_from_standard_input(tmp_path: Path) -> None:
    rows = CSV_HEAD + "r1,frontline,draft,yes,40,2,legal,fine\n"
    done = spinout("import", "-", "-o", str(tmp_path / "out"), "--rules", str(MINI),
                   stdin=rows.encode())
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["r1.yaml"]
    bad = spinout("import", "-", "-o", str(tmp_path / "bad"), "--rules", str(MINI),
                  stdin=(CSV_HEAD + "r2,frontline,maybe,yes,40,2,legal,x\n").encode())
    assert bad.returncode == 1 and bad.stderr.decode().startswith("<stdin>:2")


def test_import_needs_a_folder_not_standard_output(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.csv").write_text(CSV_HEAD, encoding="utf-8")
    assert main(["import", "s.csv", "-o", "-", "--rules", str(MINI)]) == 2
    assert "needs a folder, not standard output" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.csv"]


# --- one refusal for unknown suffixes; -o everywhere ------------------------------------------


@pytest.mark.parametrize("args", [["report", str(ONE)], ["form"], ["compare", str(ONE), str(ONE)],
                                  ["assess", "--no-input", "--answers", str(ONE)]])
def test_an_unknown_suffix_is_refused_the_same_way_everywhere(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]) -> None:
    target = tmp_path / "x.pdf"
    assert main([*args, "--rules", str(MINI), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{target}: cannot tell the format from `.pdf` — end the name in .md")
    assert not target.exists()


def test_assess_writes_its_report_with_dash_o_and_keeps_out(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_bytes(ONE.read_bytes())
    for option, name in (("-o", "one.html"), ("--output", "two.md"), ("--out", "three.json")):
        done = spinout("assess", "--no-input", "--answers", str(answers), "--rules", str(MINI),
                       option, str(tmp_path / name), stdin=b"")
        assert done.returncode == 0, done.stderr
        assert (tmp_path / name).stat().st_size > 0
    assert b"--out" not in spinout("assess", "--help").stdout.replace(b"--output", b"")


# --- SPINOUT_RULES --------------------------------------------------------------------------


def test_the_rules_folder_can_come_from_the_environment(tmp_path: Path) -> None:
    done = spinout("rules", "check", env={"SPINOUT_RULES": str(MINI)})
    assert done.returncode == 0 and done.stdout.startswith(b"ok: mini ")
    missing = spinout("rules", "check", env={"SPINOUT_RULES": str(tmp_path / "nope")})
    assert missing.returncode == 1 and b"no such rules folder" in missing.stderr
    given = spinout("rules", "check", "--rules", str(MINI),
                    env={"SPINOUT_RULES": str(tmp_path / "nope")})
    assert given.returncode == 0


# --- rules show --format json ---------------------------------------------------------------


def test_rules_show_takes_format_json_like_every_other_command(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "show", "has_plan", "--format", "json", "--rules", str(MINI)]) == 0
    by_format = capsys.readouterr().out
    assert main(["rules", "show", "has_plan", "--json", "--rules", str(MINI)]) == 0
    assert capsys.readouterr().out == by_format
    assert json.loads(by_format)["id"] == "has_plan"
    assert main(["rules", "show", "--format", "yaml", "--rules", str(MINI)]) == 2


# --- help -----------------------------------------------------------------------------------


def test_help_keeps_each_example_on_its_own_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--help"]) == 0
    lines = [line.strip() for line in capsys.readouterr().out.splitlines()]
    assert "spinout report spinout-answers.yaml -o report.html" in lines
    assert "spinout report answers/ -o group.md" in lines


@pytest.mark.parametrize("command", [["report"], ["import"], ["compare"], ["rules", "show"],
                                     ["sources", "show"], ["rules", "init"]])
def test_help_shows_plain_metavars(capsys: pytest.CaptureFixture[str],
                                   command: list[str]) -> None:
    assert main([*command, "--help"]) == 0
    out = capsys.readouterr().out
    for ugly in ("<list", "<path>", "<str>", "{CSV}", "{OLD}", "{ID}", "{DIR}", "[Path]"):
        assert ugly not in out
