"""The package type-checks: mypy runs clean on src/ (the package ships py.typed)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None,
                    reason="mypy is not installed (it comes with the test extras)")
def test_mypy_is_clean_on_src() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy", "src"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
