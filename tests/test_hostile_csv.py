"""Hostile and broken CSV exports given to `spinout import`.

Each bad file ends in one line naming the file (and line), exit code 1, no traceback, and no
answers file written. A byte-order mark and CRLF line endings are accepted, and respondent ids
never choose where a file is written.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from spinout.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "rules"

pytestmark = pytest.mark.skipif(importlib.util.find_spec("spinout.answers.csv_import") is None,
                                reason="`spinout import` is not implemented yet")

HEADER = "respondent_id,role,has_plan,plan_tested,staff,managers,helpers,comments\n"
GOOD = HEADER + "r1,frontline,draft,yes,12,3,legal;finance,hello\n" \
    "r2,senior,agreed,no,40,5,legal,\"two, words\"\n"


def run_import(capsys: pytest.CaptureFixture[str], folder: Path,
               content: bytes) -> tuple[int, str, str]:
    (folder / "survey.csv").write_bytes(content)
    code = main(["import", "survey.csv", "-o", "out", "--rules", str(MINI)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def written(folder: Path) -> list[str]:
    out = folder / "out"
    return sorted(p.name for p in out.iterdir()) if out.exists() else []


CASES = {
    "neither utf-8 nor windows-1252": ((HEADER + "r1,frontline,draft,yes,12,3,legal,c")
                                       .encode() + b"\x8d\n", "nor Windows-1252", 2),
    "utf-16 without a byte order mark": (GOOD.encode("utf-16-le"), "NUL", 1),
    "nul byte": (GOOD.encode() + b"r3,frontline,none,no,1,1,legal,a\x00b\n", "NUL", 4),
    "empty": (b"", "empty", 1),
    "unclosed quote": ((HEADER + 'r1,frontline,draft,yes,12,3,legal,"open\n').encode(),
                       "cannot be read", None),
    "huge field": ((HEADER + "r1,frontline,draft,yes,12,3,legal," + "x" * 200_000 + "\n")
                   .encode(), "", 2),
    "bad cell": ((HEADER + "r1,frontline,maybe,yes,12,3,legal,hi\n").encode(), "maybe", 2),
    "unknown column": (b"respondent_id,role,nope\nr1,frontline,x\n", "nope", 1),
}


@pytest.mark.parametrize("case", CASES, ids=CASES.keys())
def test_bad_csv_is_refused_in_one_line_and_writes_nothing(
        capsys: pytest.CaptureFixture[str], folder: Path, case: str) -> None:
    content, says, line = CASES[case]
    code, out, err = run_import(capsys, folder, content)
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"survey.csv:{line}:" if line else "survey.csv:")
    assert says in lines[0]
    assert written(folder) == []


def test_oversized_csv_is_refused_before_reading(capsys: pytest.CaptureFixture[str],
                                                 folder: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import spinout.answers.csv_import as csv_import

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("an oversized CSV was parsed")

    monkeypatch.setattr(csv_import, "parse_export", never)
    with open(folder / "survey.csv", "wb") as handle:
        handle.write(HEADER.encode())
        handle.truncate(6 * 1024**3)
    code = main(["import", "survey.csv", "-o", "out", "--rules", str(MINI)])
    _, err = capsys.readouterr()
    assert code == 1
    assert err.startswith("survey.csv: file is 6,442,450,944 bytes, over the limit")
    assert written(folder) == []


@pytest.mark.parametrize("variant", ["bom", "crlf", "bom+crlf"])
def test_bom_and_crlf_are_accepted(capsys: pytest.CaptureFixture[str], folder: Path,
                                   variant: str) -> None:
    content = GOOD.encode()
    if "crlf" in variant:
        content = content.replace(b"\n", b"\r\n")
    if "bom" in variant:
        content = b"\xef\xbb\xbf" + content
    code, _, err = run_import(capsys, folder, content)
    assert (code, err) == (0, "")
    assert written(folder) == ["r1.yaml", "r2.yaml"]
    text = (folder / "out" / "r2.yaml").read_text(encoding="utf-8")
    assert "comments: two, words\n" in text
    assert "\r" not in text


@pytest.mark.parametrize("rid", ["../../escaped", "/tmp/abs", "..", ".hidden", "a/b\\c",
                                 "con:x", "\x1b]8;;http://evil\x07z"])
def test_respondent_ids_never_choose_the_folder(capsys: pytest.CaptureFixture[str],
                                                folder: Path, rid: str) -> None:
    row = f'"{rid}",frontline,draft,yes,12,3,legal,hi\n'
    code, _, err = run_import(capsys, folder, (HEADER + row).encode())
    assert code == 0, err
    (name,) = written(folder)
    assert not name.startswith(".")
    assert "/" not in name and "\\" not in name and "\x1b" not in name
    assert sorted(p.name for p in folder.iterdir()) == ["out", "survey.csv"]


def test_cell_text_is_reported_inertly(capsys: pytest.CaptureFixture[str],
                                       folder: Path) -> None:
    row = "r1,frontline,\x1b]8;;http://evil\x07[bold]z\x1b[31m,yes,12,3,legal,hi\n"
    code, out, err = run_import(capsys, folder, (HEADER + row).encode())
    assert code == 1
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert err.startswith("survey.csv:2:3: ")
    assert written(folder) == []
