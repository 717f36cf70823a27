"""Every command explains itself: `--help` works and shows a real example."""

from __future__ import annotations

import pytest

from spinout import __version__
from spinout.__main__ import main

COMMANDS = [
    ["assess"], ["report"], ["compare"], ["form"], ["import"], ["rules"], ["rules", "check"],
    ["rules", "init"], ["rules", "schema"], ["rules", "show"], ["sources"], ["sources", "show"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(command, capsys):
    assert main([*command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Usage: spinout " + " ".join(command) in " ".join(out.split())
    assert "Example" in out and "spinout " + command[0] in out.split("Example", 1)[1]


def test_top_level_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in ("assess", "report", "compare", "form", "import", "rules", "sources"):
        assert f"  {name} " in out


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"spinout {__version__}\n"
