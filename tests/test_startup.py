"""Start-up stays light: `--version` and `--help` import none of the heavy libraries.

Run in a fresh interpreter exactly as the installed `spinout` script runs (import
spinout.__main__, call main); the modules loaded by then are reported on stderr.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = {"pydantic", "pydantic_core", "yaml", "questionary", "prompt_toolkit", "jinja2",
         "rich", "spinout.ruleset", "spinout.engine", "spinout.report"}

_WRAPPER = """
import json, sys
from spinout.__main__ import main
code = main({args!r})
sys.stdout.flush()
print(json.dumps({{"code": code, "modules": sorted(sys.modules)}}), file=sys.stderr)
"""


def loaded(*args: str, env: dict[str, str] | None = None) -> tuple[str, int, set[str]]:
    done = subprocess.run([sys.executable, "-c", _WRAPPER.format(args=list(args))],
                          capture_output=True, text=True, timeout=60, env=env)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return done.stdout, report["code"], set(report["modules"])


def heavy_among(modules: set[str]) -> set[str]:
    return {m for m in modules if m in HEAVY or m.split(".")[0] in HEAVY
            or any(m.startswith(h + ".") for h in HEAVY)}


@pytest.mark.parametrize("args", [["--version"], ["-V"]])
def test_version_imports_no_framework(args: list[str]) -> None:
    out, code, modules = loaded(*args)
    assert code == 0
    assert out.startswith("spinout ")
    assert heavy_among(modules) == set()
    assert {"typer", "click", "spinout.cli", "spinout.errors"} & modules == set()


@pytest.mark.parametrize("args", [["--help"], ["-h"]])
def test_help_imports_nothing_heavy(args: list[str]) -> None:
    out, code, modules = loaded(*args)
    assert code == 0
    assert out.startswith("Usage: spinout")
    assert heavy_among(modules) == set()


@pytest.mark.parametrize("args", [["rules", "--help"], ["assess", "--help"],
                                  ["report", "-h"], ["rules", "check", "--help"]])
def test_command_help_imports_nothing_heavy(args: list[str]) -> None:
    """Not even pydantic, which recent typer uses to check option values: no value is checked
    before the help is printed (flags default to off, see spinout.commands.clistyle)."""
    out, code, modules = loaded(*args)
    assert code == 0
    assert out.startswith("Usage: spinout")
    assert heavy_among(modules) == set()


def test_help_below_a_group_with_options_loads_no_rules_yaml_or_ui() -> None:
    """`sources --rules DIR` is an option of the group, whose value recent typer checks (with
    pydantic) before the subcommand's help is printed; nothing else heavy loads."""
    out, code, modules = loaded("sources", "show", "--help")
    assert code == 0
    assert out.startswith("Usage: spinout")
    assert {m.split(".")[0] for m in heavy_among(modules)} <= {"pydantic", "pydantic_core"}


def test_rules_check_of_an_unchanged_rule_set_builds_no_model(tmp_path: Path) -> None:
    """The second check of the same rules reads its line from the cache: no pydantic, no YAML."""
    env = {**os.environ, "SPINOUT_CACHE": str(tmp_path)}
    first, code, modules = loaded("rules", "check", env=env)
    assert code == 0 and first.startswith("ok: ") and "pydantic" in modules
    again, code, modules = loaded("rules", "check", env=env)
    assert code == 0 and again == first
    assert {m.split(".")[0] for m in heavy_among(modules)} <= {"spinout"}
    assert {"pydantic", "yaml", "spinout.ruleset.model"} & modules == set()


def test_the_probe_sees_heavy_imports() -> None:
    _, code, modules = loaded("rules", "schema")
    assert code == 0
    assert {"pydantic", "spinout.ruleset"} <= heavy_among(modules)


def test_help_lists_every_command() -> None:
    out, _, _ = loaded("--help")
    for command in ("assess", "report", "compare", "form", "import", "rules", "sources"):
        assert f"  {command} " in out


def test_a_command_builds_only_itself() -> None:
    """`spinout report ...` imports and builds the report command alone; the top-level help
    needs every command."""
    commands = {"spinout.commands.assess", "spinout.commands.compare", "spinout.commands.form",
                "spinout.commands.report", "spinout.commands.rules", "spinout.commands.sources",
                "spinout.commands.survey_import"}
    out, code, modules = loaded("report", "--help")
    assert code == 0 and out.startswith("Usage: spinout report")
    assert commands & modules == {"spinout.commands.report"}
    _, code, modules = loaded("--help")
    assert code == 0 and commands <= modules
    out, code, _ = loaded("reprot")
    assert code == 2
