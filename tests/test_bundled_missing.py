"""Where the bundled rule set is found, and what an incomplete installation says: the folder that
is missing, rather than advice to run `spinout rules init`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from spinout.errors import RulesError
from spinout.ruleset import loader
from spinout.ruleset.describe import init

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini" / "rules"


def _package_at(monkeypatch: pytest.MonkeyPatch, package: Path) -> Path:
    package.mkdir(parents=True)
    monkeypatch.setattr(loader, "PACKAGE", package)
    return package


def test_a_checkout_uses_its_own_rules_and_seeds() -> None:
    where = loader.bundled_location()
    if where.rules.parent.name == "data":
        pytest.skip("spinout is installed from a built package here, not run from a checkout")
    assert (where.rules, where.seeds) == (ROOT / "rules", ROOT / "seeds")


def test_an_installed_package_uses_its_data_folder(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    package = _package_at(monkeypatch, tmp_path / "site-packages" / "spinout")
    shutil.copytree(ROOT / "rules", package / "data" / "rules")
    shutil.copytree(ROOT / "seeds", package / "data" / "seeds")
    where = loader.bundled_location(checked=("rules", "seeds"))
    assert where == loader.RulesLocation(package / "data" / "rules", package / "data" / "seeds")


@pytest.mark.parametrize("present", [(), ("rules",), ("rules", "seeds-empty")])
def test_an_incomplete_installation_names_the_missing_folder(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, present: tuple[str, ...]) -> None:
    package = _package_at(monkeypatch, tmp_path / "site-packages" / "spinout")
    if "rules" in present:
        shutil.copytree(ROOT / "rules", package / "data" / "rules")
    if "seeds-empty" in present:
        (package / "data" / "seeds").mkdir()
    missing = "seeds" if present else "rules"
    with pytest.raises(RulesError) as caught:
        loader.load_ruleset(None)
    (problem,) = caught.value.problems
    assert problem.file == str(package / "data" / missing)
    state = "is empty" if "seeds-empty" in present else "is missing"
    what = "source documents (*.txt)" if present else "rule files (*.yaml)"
    assert problem.message == (f"the folder of {what} bundled with spinout {state}: this "
                               "installation is incomplete")
    assert "reinstall spinout" in problem.hint and "rules init" not in problem.hint
    with pytest.raises(RulesError):
        init(tmp_path / "copy")
    assert not (tmp_path / "copy").exists()


def test_own_rules_without_seeds_need_only_the_bundled_seeds(monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    package = _package_at(monkeypatch, tmp_path / "site-packages" / "spinout")
    shutil.copytree(MINI, tmp_path / "mine" / "rules")
    with pytest.raises(RulesError) as caught:
        loader.load_ruleset(tmp_path / "mine" / "rules")
    (problem,) = caught.value.problems
    assert problem.file == str(package / "data" / "seeds")
    assert problem.hint.endswith("or put a `seeds/` folder beside your rules")
    shutil.copytree(ROOT / "seeds", package / "data" / "seeds")
    assert loader.load_ruleset(tmp_path / "mine" / "rules").header.name == "mini"
