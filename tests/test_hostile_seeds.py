"""Source documents are read only from plain files inside the seeds folder.

Each hostile reference names a file that would pass the citation check if it were read (a true
copy of the document), so a refusal shows the loader did not follow it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from spinout.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "rules"
SEED = "002_cb6408028f891994.txt"
OTHER_SEED = "003_7f71315e7b07c578.txt"
FILE_LINE = "rules/sources.yaml:3:11: "


@pytest.fixture()
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """./rules (the mini set), ./seeds (its two documents) and ./outside (a true copy)."""
    shutil.copytree(MINI, tmp_path / "rules")
    for name in (SEED, OTHER_SEED):
        (tmp_path / "seeds").mkdir(exist_ok=True)
        shutil.copyfile(ROOT / "seeds" / name, tmp_path / "seeds" / name)
    (tmp_path / "outside").mkdir()
    shutil.copyfile(ROOT / "seeds" / SEED, tmp_path / "outside" / SEED)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def point_source_at(tree: Path, reference: str) -> None:
    sources = tree / "rules" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    assert f"file: {SEED}" in text
    sources.write_text(text.replace(f"file: {SEED}", f"file: {reference}"), encoding="utf-8")


def check(capsys: pytest.CaptureFixture[str], tree: Path) -> tuple[int, str]:
    code = main(["rules", "check", "--rules", str(tree)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, err


def test_the_tree_passes_as_set_up(capsys: pytest.CaptureFixture[str], tree: Path) -> None:
    assert check(capsys, tree) == (0, "")


@pytest.mark.parametrize("reference", [
    f"../outside/{SEED}",
    f"'..\\outside\\{SEED}'",
    "..",
    f"./{SEED}",
    f".hidden{SEED}",
    "/etc/passwd",
    "/dev/zero",
    f"seeds/{SEED}",
    "''",
    '"a\\0b"',
])
def test_folder_and_absolute_references_are_refused(capsys: pytest.CaptureFixture[str],
                                                    tree: Path, reference: str) -> None:
    point_source_at(tree, reference)
    code, err = check(capsys, tree)
    assert code == 1
    assert len(err.splitlines()) == 1, err
    assert err.startswith(FILE_LINE)
    assert "plain file name inside seeds/" in err


def test_symlink_out_of_seeds_is_refused(capsys: pytest.CaptureFixture[str], tree: Path) -> None:
    link = tree / "seeds" / "linked.txt"
    link.symlink_to(tree / "outside" / SEED)
    point_source_at(tree, "linked.txt")
    code, err = check(capsys, tree)
    assert code == 1
    assert err.startswith(FILE_LINE + "`linked.txt` leads outside the seeds folder")
    assert len(err.splitlines()) == 1


def test_relative_symlink_climbing_out_is_refused(capsys: pytest.CaptureFixture[str],
                                                  tree: Path) -> None:
    (tree / "seeds" / "climb.txt").symlink_to(Path("..") / "outside" / SEED)
    point_source_at(tree, "climb.txt")
    code, err = check(capsys, tree)
    assert code == 1
    assert err.startswith(FILE_LINE + "`climb.txt` leads outside")


@pytest.mark.parametrize("target", ["/dev/zero", "/etc", "/nonexistent/file"])
def test_symlink_to_a_device_folder_or_nothing_is_refused(capsys: pytest.CaptureFixture[str],
                                                          tree: Path, target: str) -> None:
    (tree / "seeds" / "odd.txt").symlink_to(target)
    point_source_at(tree, "odd.txt")
    code, err = check(capsys, tree)
    assert code == 1
    assert err.startswith(FILE_LINE)
    assert len(err.splitlines()) == 1


def test_symlink_inside_seeds_is_followed(capsys: pytest.CaptureFixture[str],
                                          tree: Path) -> None:
    (tree / "seeds" / "alias.txt").symlink_to(SEED)
    point_source_at(tree, "alias.txt")
    assert check(capsys, tree) == (0, "")


def test_a_fifo_is_refused_without_blocking(tree: Path) -> None:
    """Reading a named pipe would wait forever; it must be refused as not a plain file."""
    os.mkfifo(tree / "seeds" / "pipe.txt")
    point_source_at(tree, "pipe.txt")
    done = subprocess.run([sys.executable, "-m", "spinout", "rules", "check", "--rules",
                           str(tree)], capture_output=True, text=True, timeout=60, cwd=tree)
    assert done.returncode == 1
    assert done.stderr.startswith(FILE_LINE)
    assert "Traceback" not in done.stderr
