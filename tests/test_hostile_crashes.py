"""Inputs that once crashed spinout (exit 70) end in one located error line instead.

A 400-digit number in an answers file; names longer than the system allows in any path
option; an integer answer key; a folder whose name is not UTF-8 compared into a file; JSON
reports for `compare` that miss `band.id` or `stage.id`, nest deeply, hold huge integers,
NaN or infinities.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sys
from pathlib import Path

import pytest

from spinout.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "rules"
GROUP = ROOT / "tests" / "fixtures" / "answers" / "report_group"
HEAD = (GROUP / "r1.yaml").read_text(encoding="utf-8").split("answers:")[0]


def _run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([*map(str, args)])
    out, err = capsys.readouterr()
    assert "internal error" not in err
    return code, out, err


@pytest.mark.parametrize("command", ["report", "assess"])
def test_a_400_digit_number_is_a_located_error(tmp_path: Path, command: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(HEAD + f"answers:\n  staff: {'9' * 400}\n  managers: -{'7' * 40}\n",
                   encoding="utf-8")
    args = (["report", big] if command == "report"
            else ["assess", "--no-input", "--answers", big])
    code, _, err = _run(capsys, *args, "--rules", MINI)
    assert code == 1
    assert err.startswith(f"{big}:6:10: the number `99999999999999999999…` is too large")


def test_an_integer_answer_key_is_a_located_error(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "odd.yaml"
    odd.write_text(HEAD + "answers:\n  1: yes\n  has_plan: draft\n", encoding="utf-8")
    code, _, err = _run(capsys, "report", odd, "--rules", MINI)
    assert code == 1 and f"{odd}:6:6: unknown question `1`" in err


LONG = "n" * 300


@pytest.mark.parametrize("args", [
    ["report", f"{LONG}.yaml"],
    ["report", str(GROUP / "r1.yaml"), "-o", f"{LONG}.md"],
    ["assess", "--no-input", "--answers", f"{LONG}.yaml"],
    ["form", "-o", f"{LONG}.md"],
    ["compare", str(GROUP / "r1.yaml"), f"{LONG}.json"],
], ids=["report input", "report -o", "assess --answers", "form -o", "compare input"])
def test_names_longer_than_the_system_allows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str],
                                             args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = _run(capsys, *args, "--rules", MINI)
    assert code in (1, 2)
    assert LONG in err and err[-1] == "\n"


def test_a_rules_folder_name_too_long(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = _run(capsys, "rules", "check", "--rules", LONG)
    assert code in (1, 2) and "too long" in err


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs a byte-named folder")
def test_a_folder_name_that_is_not_utf8(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/g\xff"))
    shutil.copytree(GROUP, folder)
    out = tmp_path / "moved.md"
    code, _, err = _run(capsys, "compare", GROUP / "r1.yaml", folder, "-o", out, "--rules",
                        MINI)
    assert code == 0, err
    assert "g\ufffd" in out.read_text(encoding="utf-8")


def _report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> dict:
    code, out, _ = _run(capsys, "report", GROUP / "r1.yaml", "--format", "json", "--rules",
                        MINI)
    assert code == 0
    return json.loads(out)


def _broken(data: dict) -> dict[str, str]:
    no_band_id = json.loads(json.dumps(data))
    del no_band_id["band"]["id"]
    no_stage_id = json.loads(json.dumps(data))
    del no_stage_id["stage"]["id"]
    huge = json.loads(json.dumps(data))
    text = json.dumps(huge)
    return {
        "no band.id": json.dumps(no_band_id),
        "no stage.id": json.dumps(no_stage_id),
        "band not an object": json.dumps({**data, "band": [1]}),
        "deep": text[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "huge integer": text.replace('"respondents": 1', '"respondents": ' + "9" * 5000),
        "huge score": json.dumps({**data, "overall": 10 ** 400}),
        "NaN": text.replace(f'"overall": {json.dumps(data["overall"])}', '"overall": NaN'),
        "-Infinity": text.replace(f'"confidence": {json.dumps(data["confidence"])}',
                                  '"confidence": -Infinity'),
    }


@pytest.mark.parametrize("case", ["no band.id", "no stage.id", "band not an object", "deep",
                                  "huge integer", "huge score", "NaN", "-Infinity"])
@pytest.mark.parametrize("fmt", ["md", "json"])
def test_compare_refuses_broken_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        case: str, fmt: str) -> None:
    data = _report(capsys, tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text(_broken(data)[case], encoding="utf-8")
    code, out, err = _run(capsys, "compare", bad, GROUP / "r1.yaml", "--format", fmt,
                          "--rules", MINI)
    assert (code, out) == (1, "")
    assert err.startswith(f"{bad}") and "not a" in err
    assert "NaN" not in out and "Infinity" not in out


def test_compare_json_is_strict_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "compare", GROUP / "r1.yaml", GROUP / "r2.yaml", "--format",
                        "json", "--rules", MINI)
    assert code == 0

    def strict(name: str) -> float:
        raise AssertionError(f"{name} in the output")

    data = json.loads(out, parse_constant=strict)
    assert all(math.isfinite(d["old"]) for d in data["dimensions"] if d["old"] is not None)
