"""A plain (not editable) `pip install` into a fresh virtual environment gives a working
`spinout` whose bundled rules and sources pass the check from any working folder.

The project is copied first (without .git, build output and caches), so the install cannot
pick up or leave build files in the checkout; the copy keeps the package's relative symlinks
to rules/ and seeds/, exactly as a clone does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IGNORED = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                                 ".pytest_cache", ".hypothesis", ".ruff_cache", "spinout-*")


def _run(args: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv holding spinout installed from a copy of the project."""
    base = tmp_path_factory.mktemp("install")
    project = base / "project"
    shutil.copytree(ROOT, project, symlinks=True, ignore=IGNORED)
    venv = base / "venv"
    made = _run([sys.executable, "-m", "venv", str(venv)], cwd=base)
    assert made.returncode == 0, made.stderr
    done = _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                 "--disable-pip-version-check", str(project)], cwd=base)
    assert done.returncode == 0, done.stdout + done.stderr
    shutil.rmtree(project)
    return venv / "bin"


@pytest.mark.slow
def test_installed_spinout_checks_its_bundled_rules_from_anywhere(installed: Path,
                                                                 tmp_path: Path) -> None:
    done = _run([str(installed / "spinout"), "rules", "check"], cwd=tmp_path, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("ok: ") and "citations per source:" in done.stdout
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_installed_package_is_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    done = _run([str(installed / "python"), "-c",
                 "import spinout, pathlib; print(pathlib.Path(spinout.__file__).resolve())"],
                cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    location = Path(done.stdout.strip())
    assert installed.parent in location.parents and ROOT not in location.parents


@pytest.mark.slow
def test_installed_rules_init_copies_a_set_that_passes(installed: Path, tmp_path: Path) -> None:
    spinout = str(installed / "spinout")
    assert _run([spinout, "rules", "init", "edit"], cwd=tmp_path, timeout=120).returncode == 0
    done = _run([spinout, "rules", "check", "--rules", "edit"], cwd=tmp_path, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    shown = _run([spinout, "sources"], cwd=tmp_path, timeout=120)
    assert shown.returncode == 0 and "cited" in shown.stdout
