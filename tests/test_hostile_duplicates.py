"""One respondent counts once: repeated paths, links, copies and repeated respondent ids.

``spinout report g g/r1.yaml g`` once counted 21 respondents from 10 files, and ten copies of
one file counted as ten people. A file reached twice counts once; a file repeating an earlier
file's respondent id or answers is left out with a warning naming both files.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from spinout.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "rules"
GROUP = ROOT / "tests" / "fixtures" / "answers" / "report_group"


def _respondents(capsys: pytest.CaptureFixture[str], *inputs: object) -> tuple[int, str]:
    code = main(["report", *map(str, inputs), "--format", "json", "--rules", str(MINI)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)["respondents"], err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "g"
    shutil.copytree(GROUP, target)
    return target


def test_repeated_paths_count_once(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _respondents(capsys, folder) == (4, "")
    count, err = _respondents(capsys, folder, folder / "r1.yaml", folder,
                              Path(os.path.relpath(folder)) / "." / "r2.yaml")
    assert (count, err) == (4, "")


def test_a_link_to_a_file_counts_once(folder: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "link.yaml").symlink_to(folder / "r3.yaml")
    assert _respondents(capsys, folder)[0] == 4


def test_copies_count_once_and_are_named(folder: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(10):
        shutil.copyfile(folder / "r1.yaml", folder / f"z{i}.yaml")
    text = (folder / "r1.yaml").read_text(encoding="utf-8")
    (folder / "z_touched.yaml").write_text(  # same answers, other dates and role
        text.replace("2026-02-01", "2027-05-05").replace("role: frontline", "role: senior"),
        encoding="utf-8")
    count, err = _respondents(capsys, folder)
    assert count == 4
    lines = err.strip().splitlines()
    assert lines[0].startswith("warning: ")
    assert f"{folder / 'z0.yaml'}: the same answers as {folder / 'r1.yaml'}" in err
    assert f"{folder / 'z_touched.yaml'}: the same answers as {folder / 'r1.yaml'}" in err
    assert "counted once" in err


def test_a_repeated_respondent_id_counts_once(folder: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("r2.yaml", "r3.yaml"):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace(
            "respondent: {role: frontline}", "respondent: {role: frontline, id: ann}"),
            encoding="utf-8")
    count, err = _respondents(capsys, folder)
    assert count == 3
    assert f"{folder / 'r3.yaml'}: the same respondent id `ann` as {folder / 'r2.yaml'}" in err


def test_answers_are_the_same_only_when_equal_in_type_and_value() -> None:
    """Key order never matters; ``true``, ``1`` and ``1.0`` are three different answers."""
    from spinout.answers.model import AnswersFile, Respondent, RulesRef
    from spinout.bulk import identity

    def digest(answers: dict[str, object]) -> str:
        return identity(AnswersFile(RulesRef("r", "1", "d"), Respondent(None, "r"),
                                    answers))[1]  # type: ignore[arg-type]

    assert digest({"a": "x", "b": [1, 2]}) == digest({"b": [1, 2], "a": "x"})
    assert len({digest({"a": v}) for v in (True, 1, 1.0, "1", [1], None)}) == 6
    assert digest({"a": [1, 2]}) != digest({"a": [2, 1]})
