"""Shared fixtures. Hypothesis runs derandomised under CI so a run is repeatable."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", derandomize=True, max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE",
                                                                         "dev"))

# Checked rule sets are cached in a folder of this run's own, never the user's cache folder.
CACHE = Path(tempfile.mkdtemp(prefix="spinout-test-cache-"))
os.environ["SPINOUT_CACHE"] = str(CACHE)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini" / "rules"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(CACHE, ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite the golden report files in tests/golden/ from current output.")


@pytest.fixture(scope="session")
def mini_rules():
    from spinout.ruleset.loader import load_ruleset

    return load_ruleset(MINI)


@pytest.fixture(scope="session")
def bundled_rules():
    from spinout.ruleset.loader import load_ruleset

    return load_ruleset(None)
