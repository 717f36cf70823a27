"""`spinout compare`: what moved between two assessments, from answers or JSON reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from spinout.__main__ import main

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "fixtures" / "mini" / "rules"
ANSWERS = TESTS / "fixtures" / "answers"
EARLIER = ANSWERS / "report_individual.yaml"


def later_answers(folder: Path) -> Path:
    """The same respondent months on: the plan agreed and tested, managers won over."""
    text = EARLIER.read_text(encoding="utf-8")
    for old, new in (("has_plan: draft", "has_plan: agreed"), ("plan_tested: dont_know",
                     "plan_tested: true"), ("managers: 2", "managers: 5"),
                     ('updated: "2026-01-31T10:20:00+00:00"',
                      'updated: "2026-07-01T09:00:00+00:00"')):
        assert old in text
        text = text.replace(old, new)
    path = folder / "later.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def compare(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["compare", *args])
    out, err = capsys.readouterr()
    return code, out, err


def json_report(capsys: pytest.CaptureFixture[str], answers: Path, out: Path) -> Path:
    assert main(["report", str(answers), "--rules", str(MINI), "-o", str(out)]) == 0
    capsys.readouterr()
    return out


def test_answers_files_compare_as_markdown(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    later = later_answers(tmp_path)
    code, out, err = compare(capsys, str(EARLIER), str(later), "--rules", str(MINI))
    assert (code, err) == (0, "")
    assert out.startswith("# What moved\n")
    assert "- Overall readiness: 44.2 → 80.0 (+35.8, up)" in out
    assert "- Band: Getting there → Ready (up)" in out
    assert "- Stage: Plan → Launch (moved forward)" in out
    assert "- Business planning: 45.0 → 80.0 (+35.0, up)" in out
    assert "- Manager support: 42.5 → 80.0 (+37.5, up)" in out
    assert "- Cleared: Managers resist (major)" in out
    assert "- New: none" in out


def test_json_reports_compare_like_their_answers(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    later = later_answers(tmp_path)
    old_json = json_report(capsys, EARLIER, tmp_path / "old.json")
    new_json = json_report(capsys, later, tmp_path / "new.json")
    code, from_reports, _ = compare(capsys, str(old_json), str(new_json), "--format", "json")
    assert code == 0
    code, from_answers, _ = compare(capsys, str(EARLIER), str(later), "--rules", str(MINI),
                                    "--format", "json")
    assert code == 0
    a, b = json.loads(from_reports), json.loads(from_answers)
    for side in ("old", "new"):
        del a[side]["source"], b[side]["source"]
    assert a == b
    assert a["kind"] == "comparison"
    assert a["overall"] == {"old": 44.2, "new": 80.0, "change": 35.8, "direction": "up"}
    assert a["stage"]["progress"] == "forward"
    assert a["band"]["direction"] == "up"
    assert a["barriers"]["cleared"] == [{"id": "weak_support", "title": "Managers resist",
                                         "severity": "major"}]
    assert a["old"]["respondents"] == a["new"]["respondents"] == 1


def test_going_backwards_shows_new_barriers(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    later = later_answers(tmp_path)
    code, out, _ = compare(capsys, str(later), str(EARLIER), "--rules", str(MINI),
                           "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["stage"]["progress"] == "back"
    assert [b["id"] for b in data["barriers"]["new"]] == ["weak_support"]
    assert {d["id"]: d["direction"] for d in data["dimensions"]} == {"planning": "down",
                                                                     "support": "down"}


def test_groups_compare_and_report_respondents(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    group = ANSWERS / "report_group"
    smaller = tmp_path / "smaller"
    smaller.mkdir()
    for name in ("r1.yaml", "r2.yaml"):
        shutil.copyfile(group / name, smaller / name)
    code, out, _ = compare(capsys, str(smaller), str(group), "--rules", str(MINI),
                           "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["old"]["respondents"], data["new"]["respondents"]) == (2, 4)
    assert data["old"]["kind"] == data["new"]["kind"] == "group"


def test_different_rule_sets_are_refused(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    old_json = json_report(capsys, EARLIER, tmp_path / "old.json")
    other = json.loads(old_json.read_text(encoding="utf-8"))
    other["rules"]["name"] = "other_rules"
    other_path = tmp_path / "other.json"
    other_path.write_text(json.dumps(other), encoding="utf-8")
    code, out, err = compare(capsys, str(old_json), str(other_path))
    assert (code, out) == (1, "")
    assert "`other_rules`" in err and "same rule set" in err


def test_output_file_and_format_follow_the_report_rules(capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    later = later_answers(tmp_path)
    target = tmp_path / "moved.json"
    code, out, _ = compare(capsys, str(EARLIER), str(later), "--rules", str(MINI), "-o",
                           str(target))
    assert (code, out) == (0, "")
    assert json.loads(target.read_text(encoding="utf-8"))["kind"] == "comparison"
    code, _, err = compare(capsys, str(EARLIER), str(later), "--format", "csv")
    assert code == 2 and "md, html, json" in err
    code, _, err = compare(capsys, str(EARLIER), str(later), "--rules", str(MINI), "-o",
                           str(later))
    assert code == 2 and "end the name in .md, .html or .json" in err
    code, _, err = compare(capsys, str(EARLIER), str(later), "--rules", str(MINI), "-o",
                           str(later), "--format", "md")
    assert code == 1 and "would destroy it" in err


def test_broken_inputs_are_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": 1,\n  "kind": }', encoding="utf-8")
    code, _, err = compare(capsys, str(broken), str(EARLIER), "--rules", str(MINI))
    assert code == 1 and f"{broken}:2:11: invalid JSON" in err
    partial = tmp_path / "partial.json"
    partial.write_text('{"format": 2, "kind": "individual", "rules": {"name": "mini"}}',
                       encoding="utf-8")
    code, _, err = compare(capsys, str(partial), str(EARLIER), "--rules", str(MINI))
    assert code == 1 and "not a complete spinout JSON report" in err
    report = json.loads(json_report(capsys, EARLIER, tmp_path / "r.json").read_text("utf-8"))
    report["overall"] = "high"
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps(report), encoding="utf-8")
    code, _, err = compare(capsys, str(wrong), str(EARLIER), "--rules", str(MINI))
    assert code == 1 and "wrong type" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text(EARLIER.read_text(encoding="utf-8").replace("managers: 2", "managers: 9"),
                   encoding="utf-8")
    code, _, err = compare(capsys, str(bad), str(EARLIER), "--rules", str(MINI))
    assert code == 1 and f"{bad}:14:13: 9 is out of range" in err
