"""`spinout report` from the command line: formats, output guarding, schema, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from spinout.__main__ import main

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "fixtures" / "mini" / "rules"
ANSWERS = TESTS / "fixtures" / "answers"
ONE = ANSWERS / "report_individual.yaml"
GROUP = ANSWERS / "report_group"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["report", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_markdown_goes_to_stdout_without_an_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(ONE), "--rules", str(MINI))
    assert (code, err) == (0, "")
    assert out.startswith("# Readiness report\n")
    assert out == (TESTS / "golden" / "individual.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "start"), [("r.html", "<!DOCTYPE html>"), ("r.json", "{"),
                                             ("r.md", "# Readiness")])
def test_the_output_suffix_picks_the_format(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                            name: str, start: str) -> None:
    code, out, _ = run(capsys, str(ONE), "--rules", str(MINI), "-o", str(tmp_path / name))
    assert (code, out) == (0, "")
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)


@pytest.mark.parametrize("name", ["r.txt", "r.pdf", "report"])
def test_a_suffix_naming_no_format_is_refused_before_any_work(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str) -> None:
    code, out, err = run(capsys, str(ONE), "--rules", str(MINI), "-o", str(tmp_path / name))
    assert (code, out) == (2, "")
    assert "cannot tell the format" in err and "or give --format" in err
    assert list(tmp_path.iterdir()) == []


def test_the_format_option_overrides_the_suffix(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    out_file = tmp_path / "r.html"
    code, _, _ = run(capsys, str(ONE), "--rules", str(MINI), "-o", str(out_file),
                     "--format", "json")
    assert code == 0
    assert json.loads(out_file.read_text(encoding="utf-8"))["kind"] == "individual"
    code, out, _ = run(capsys, str(ONE), "--rules", str(MINI), "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>")


def test_a_folder_makes_a_group_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(GROUP), "--rules", str(MINI), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["kind"], data["respondents"]) == ("group", 4)


def test_staff_count_option_sets_participation(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(GROUP), "--rules", str(MINI), "--format", "json",
                         "--staff-count", "8")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["staff"], data["participation"]) == (8, 0.5)


def test_schema_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    from spinout.report.schema import schema_text

    code, out, _ = run(capsys, "--schema")
    assert code == 0 and out == schema_text()
    assert json.loads(out)["title"] == "spinout report"


def test_no_input_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert (code, out) == (2, "")
    assert "no answers files given" in err


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(ONE), "--format", "pdf")
    assert code == 2 and "md, html, json" in err


def test_output_in_a_missing_folder_is_refused(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    target = tmp_path / "missing" / "r.md"
    code, out, err = run(capsys, str(ONE), "--rules", str(MINI), "-o", str(target))
    assert (code, out) == (1, "")
    assert f"{target}: the folder" in err and "does not exist" in err
    assert not target.parent.exists()


def test_output_over_the_answers_file_is_refused(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    shutil.copyfile(ONE, answers)
    before = answers.read_bytes()
    code, out, err = run(capsys, str(answers), "--rules", str(MINI), "-o", str(answers))
    assert (code, out) == (2, "")
    assert "cannot tell the format from `.yaml`" in err
    code, out, err = run(capsys, str(answers), "--rules", str(MINI), "-o", str(answers),
                         "--format", "md")
    assert (code, out) == (1, "")
    assert "would destroy it" in err
    assert answers.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]


def test_output_over_another_answers_file_is_refused(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    shutil.copyfile(ONE, other)
    code, _, err = run(capsys, str(ONE), "--rules", str(MINI), "-o", str(other))
    assert code == 1 and "looks like an answers file" in err
    assert other.read_bytes() == ONE.read_bytes()


def test_a_bad_answers_file_is_named_with_its_line(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(ONE.read_text(encoding="utf-8").replace("has_plan: draft",
                                                           "has_plan: maybe"), encoding="utf-8")
    out_file = tmp_path / "r.md"
    code, out, err = run(capsys, str(bad), "--rules", str(MINI), "-o", str(out_file))
    assert (code, out) == (1, "")
    assert f"{bad}:11:13: `maybe` is not an option" in err
    assert not out_file.exists()


def test_a_missing_input_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, str(tmp_path / "nope.yaml"), "--rules", str(MINI))
    assert code == 1 and "nope.yaml: no such file or folder" in err


def test_a_changed_rule_set_is_a_warning_not_an_error(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(ONE.read_text(encoding="utf-8").replace("sha256:", "sha256:0"),
                   encoding="utf-8")
    code, out, err = run(capsys, str(old), "--rules", str(MINI))
    assert code == 0 and out.startswith("# Readiness report")
    assert err.startswith(f"warning: {old}:") and "rule set has changed" in err
