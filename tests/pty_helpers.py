"""Driving `spinout assess` through a pseudo-terminal with real keystrokes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect

MINI = Path(__file__).resolve().parent / "fixtures" / "mini" / "rules"
TIMEOUT = 20
DOWN, UP, ENTER, SPACE, BACKSPACE, CTRL_C = "\x1b[B", "\x1b[A", "\r", " ", "\x7f", "\x03"
SGR = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

QUESTIONS = {
    "role": "Which best describes your role?",
    "has_plan": "Do you have a business plan?",
    "plan_tested": "Has the plan been tested with a bidder?",
    "staff": "How many staff work in the service?",
    "managers": "How much do your managers back the idea",
    "helpers": "Which kinds of help do you have?",
    "comments": "Anything else?",
    "review": "Type a number to change that answer",
}


def environment(no_color: bool = False) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env.update(TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1")
    if no_color:
        env["NO_COLOR"] = "1"
    return env


def spawn(cwd: Path, *args: str, rules: Path = MINI, no_color: bool = False,
          columns: int = 80) -> pexpect.spawn:
    """Start `spinout assess` in ``cwd`` on a 24-row terminal."""
    return pexpect.spawn(sys.executable, ["-m", "spinout", "assess", "--rules", str(rules),
                                          *args],
                         cwd=str(cwd), env=environment(no_color), dimensions=(24, columns),
                         encoding="utf-8", timeout=TIMEOUT)


def expect(child: pexpect.spawn, text: str) -> None:
    """Wait for literal text on the screen."""
    child.expect_exact(text, timeout=TIMEOUT)


GAP = r"(?:\s|\x1b\[[0-9;?]*[A-Za-z])+"  # spaces, line breaks, styles and cursor moves


def words_pattern(text: str) -> str:
    """A pattern for the words of ``text`` however they are folded onto lines."""
    return GAP.join(re.escape(word) for word in text.split())


def expect_words(child: pexpect.spawn, text: str) -> None:
    """Wait for the words of text, which may be folded onto several lines."""
    child.expect(words_pattern(text), timeout=TIMEOUT)


def ask(child: pexpect.spawn, step: str, keys: str) -> None:
    """Wait for a question (by id) to be shown, then type the keys."""
    expect(child, QUESTIONS[step])
    child.send(keys)


def finish(child: pexpect.spawn) -> int:
    """Wait for the program to end; its exit code."""
    child.expect(pexpect.EOF, timeout=TIMEOUT)
    child.close()
    return child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0)


FULL_RUN = [
    ("role", ENTER),                     # Frontline staff
    ("has_plan", DOWN + ENTER),          # A draft
    ("plan_tested", ENTER),              # Yes
    ("staff", "12" + ENTER),
    ("managers", DOWN * 3 + ENTER),      # 4
    ("helpers", SPACE + ENTER),          # Legal advice
    ("comments", "Fine [bold]x[/bold]" + ENTER),
]
FULL_ANSWERS = {"has_plan": "draft", "plan_tested": True, "staff": 12, "managers": 4,
                "helpers": ["legal"], "comments": "Fine [bold]x[/bold]"}


def run_plain(cwd: Path, *args: str, rules: Path = MINI) -> subprocess.CompletedProcess:
    """Run `spinout assess` with no terminal at all (stdin from /dev/null)."""
    return subprocess.run([sys.executable, "-m", "spinout", "assess", "--rules", str(rules),
                           *args], cwd=str(cwd), env=environment(), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)


def screen_text(raw: str) -> str:
    """Terminal output with escape sequences removed."""
    return SGR.sub("", raw).replace("\r", "")
