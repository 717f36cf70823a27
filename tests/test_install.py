"""Installing spinout as a user would, into fresh virtual environments.

The project is first cloned with symlinks off, as Git for Windows clones by default (outside a
git checkout, for example in an unpacked sdist, it is copied without build output and caches
instead). The clone holds the committed state of the checkout. From it:

- a plain (not editable) `pip install` with the newest dependencies gives a working `spinout`
  whose bundled rules and sources pass the check from any working folder;
- the sdist carries every file the test suite reads, and installing from it with every direct
  dependency at the lower bound that pyproject.toml allows (what `uv --resolution
  lowest-direct` would choose) passes the smoke commands of smoke_helpers.py.
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest
from smoke_helpers import smoke

ROOT = Path(__file__).resolve().parent.parent
IGNORED = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                                 ".pytest_cache", ".hypothesis", ".ruff_cache", "spinout-*")
LOWER_BOUND = re.compile(r"^([A-Za-z0-9_.-]+)>=([0-9][^,;\s]*)")


def _run(args: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


def _ok(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]


def _venv(base: Path) -> Path:
    _ok(_run([sys.executable, "-m", "venv", str(base / "venv")], cwd=base))
    return base / "venv" / "bin"


def lower_bounds(pyproject: Path) -> dict[str, str]:
    """Each runtime dependency's lower bound, from its `>=` specifier."""
    deps = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    found = {m.group(1).lower(): m.group(2) for m in map(LOWER_BOUND.match, deps) if m}
    assert len(found) == len(deps), f"a dependency without a `>=` lower bound: {deps}"
    return found


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("clone") / "spinout"
    if (ROOT / ".git").exists():
        _ok(_run(["git", "-c", "core.symlinks=false", "clone", "--quiet", str(ROOT),
                  str(target)], cwd=target.parent))
    else:
        shutil.copytree(ROOT, target, symlinks=True, ignore=IGNORED)
    return target


@pytest.fixture(scope="module")
def installed(clone: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv holding spinout installed from the clone."""
    bin_dir = _venv(tmp_path_factory.mktemp("install"))
    _ok(_run([str(bin_dir / "python"), "-m", "pip", "install", "-q",
              "--disable-pip-version-check", str(clone)], cwd=clone.parent))
    return bin_dir


@pytest.fixture(scope="module")
def sdist(clone: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sdist")
    work = tmp_path_factory.mktemp("sdist-src") / "spinout"
    shutil.copytree(clone, work, ignore=shutil.ignore_patterns(".git"))
    _ok(_run([sys.executable, "-m", "build", "--sdist", "--outdir", str(out), str(work)],
             cwd=out))
    (archive,) = out.glob("spinout-*.tar.gz")
    return archive


@pytest.fixture(scope="module")
def lowest(sdist: Path, clone: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv holding spinout installed from the sdist, with every
    direct dependency pinned to its lower bound (their own dependencies resolve as pip likes)."""
    base = tmp_path_factory.mktemp("lowest")
    pins = base / "lowest.txt"
    pins.write_text("".join(f"{name}=={version}\n"
                            for name, version in lower_bounds(clone / "pyproject.toml").items()))
    bin_dir = _venv(base)
    _ok(_run([str(bin_dir / "python"), "-m", "pip", "install", "-q",
              "--disable-pip-version-check", "-c", str(pins), str(sdist)], cwd=base))
    return bin_dir


def _release(version: str) -> tuple[int, ...]:
    """A plain release number as a tuple without trailing zeros ("2.0.0" and "2" alike)."""
    parts = [int(p) for p in version.split(".")] if version else []
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _tracked(clone: Path) -> list[str]:
    if (clone / ".git").exists():
        listed = _run(["git", "ls-files", "-s"], cwd=clone)
        _ok(listed)
        rows = [line.split(maxsplit=3) for line in listed.stdout.splitlines()]
        assert [r[3] for r in rows if r[0] == "120000"] == [], "symlinks are tracked"
        return [r[3] for r in rows]
    return [p.relative_to(clone).as_posix() for p in clone.rglob("*") if p.is_file()]


@pytest.mark.slow
def test_installed_spinout_checks_its_bundled_rules_from_anywhere(installed: Path,
                                                                 tmp_path: Path) -> None:
    done = _run([str(installed / "spinout"), "rules", "check"], cwd=tmp_path, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("ok: ") and "citations per source:" in done.stdout
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_installed_package_is_not_the_checkout_and_bundles_exact_copies(
        installed: Path, tmp_path: Path) -> None:
    done = _run([str(installed / "python"), "-c",
                 "import spinout, pathlib; print(pathlib.Path(spinout.__file__).resolve())"],
                cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    package = Path(done.stdout.strip()).parent
    venv = installed.parent
    assert venv in package.parents and ROOT not in package.parents
    for folder in ("rules", "seeds"):
        bundled = package / "data" / folder
        assert not bundled.is_symlink()
        names = sorted(p.name for p in (ROOT / folder).iterdir() if p.is_file())
        assert sorted(p.name for p in bundled.iterdir()) == names
        match, mismatch, errors = filecmp.cmpfiles(ROOT / folder, bundled, names, shallow=False)
        assert (mismatch, errors) == ([], [])


@pytest.mark.slow
def test_installed_rules_init_copies_a_set_that_passes(installed: Path, tmp_path: Path) -> None:
    spinout = str(installed / "spinout")
    assert _run([spinout, "rules", "init", "edit"], cwd=tmp_path, timeout=120).returncode == 0
    assert (tmp_path / "edit" / ".vscode" / "settings.json").is_file()
    done = _run([spinout, "rules", "check", "--rules", "edit"], cwd=tmp_path, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    shown = _run([spinout, "sources"], cwd=tmp_path, timeout=120)
    assert shown.returncode == 0 and "cited" in shown.stdout


@pytest.mark.slow
def test_the_sdist_carries_everything_the_tests_read(sdist: Path, clone: Path) -> None:
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    top = names[0].split("/")[0]
    shipped = {name.removeprefix(top + "/") for name in names}
    wanted = [path for path in _tracked(clone)
              if path.split("/")[0] in ("src", "tests", "benchmarks", "rules", "seeds")
              or path in ("README.md", "LICENSE", "pyproject.toml", "setup.py", "MANIFEST.in")]
    assert "tests/fixtures/mini/rules/model.yaml" in wanted and "tests/golden/group.md" in wanted
    assert sorted(set(wanted) - shipped) == []
    assert not [name for name in shipped if "__pycache__" in name or name.startswith(".git")]


@pytest.mark.slow
def test_lowest_allowed_dependencies_pass_the_smoke_commands(lowest: Path, clone: Path,
                                                             tmp_path: Path) -> None:
    frozen = _run([str(lowest / "python"), "-m", "pip", "freeze"], cwd=tmp_path)
    _ok(frozen)
    versions = dict(line.lower().split("==", 1) for line in frozen.stdout.split()
                    if "==" in line)
    for name, bound in lower_bounds(clone / "pyproject.toml").items():
        assert _release(versions.get(name.replace("_", "-"), "")) == _release(bound), name
    assert smoke(lowest, tmp_path) == []


def test_every_runtime_dependency_has_a_lower_bound() -> None:
    bounds = lower_bounds(ROOT / "pyproject.toml")
    assert {"typer", "rich", "questionary", "pydantic", "pyyaml", "jinja2"} <= set(bounds)
