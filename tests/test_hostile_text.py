"""Escape codes and invisible characters from answers files never reach a reader.

A control character written as a YAML escape (``"\\e]52;c;…"``) is refused after the escape is
decoded, wherever it stands (question id, value, role); zero-width, bidirectional-mark and
Unicode tag characters are removed wherever untrusted text is shown; bare URLs, e-mail
addresses and ``~~`` stay inert in Markdown.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from spinout.__main__ import main
from spinout.report.text import md_escape
from spinout.textsafe import strip_controls

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "rules"
GROUP = ROOT / "tests" / "fixtures" / "answers" / "report_group"
HEAD = (GROUP / "r1.yaml").read_text(encoding="utf-8").split("answers:")[0]

ESCAPED = {
    "question id": 'answers:\n  "\\e]52;c;aGVsbG8=\\a": yes\n  has_plan: draft\n',
    "answer value": 'answers:\n  has_plan: "\\e[31mdraft"\n',
    "comment": 'answers:\n  has_plan: draft\n  comments: "fine \\x9b31m here"\n',
    "line separator": 'answers:\n  has_plan: draft\n  comments: "a \\L b"\n',
}


@pytest.mark.parametrize("body", ESCAPED.values(), ids=list(ESCAPED))
def test_escapes_are_refused_after_decoding(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            body: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEAD + body, encoding="utf-8")
    code = main(["report", str(bad), "--rules", str(MINI)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "\x1b" not in out + err and "\x9b" not in out + err and "\x07" not in err
    assert f"{bad}:" in err and "control character" in err and "escape" in err


def test_escapes_are_refused_when_assess_resumes(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEAD + ESCAPED["question id"], encoding="utf-8")
    before = bad.read_bytes()
    code = main(["assess", "--no-input", "--answers", str(bad), "--rules", str(MINI)])
    out, err = capsys.readouterr()
    assert code == 1 and "\x1b" not in out + err
    assert "line 6" in err or f"{bad}:6:" in err
    assert bad.read_bytes() == before


INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u061c\u2060\ufeff\U000e0041\U000e007f\u2066\u202e"


def test_invisible_characters_are_removed() -> None:
    assert strip_controls(f"pla{INVISIBLE}in") == "plain"
    assert md_escape(f"a{INVISIBLE}b") == "ab"


def test_invisible_characters_in_comments_never_reach_a_group_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "g"
    shutil.copytree(GROUP, folder)
    hidden = f"Pay{INVISIBLE[:6]} rise\u202e please"
    for i in range(4, 9):  # enough respondents for comments to be shown
        text = (GROUP / "r1.yaml").read_text(encoding="utf-8")
        text = text.replace("More say over the rota, please.", f"{hidden} {i}")
        (folder / f"x{i}.yaml").write_text(text, encoding="utf-8")
    for fmt in ("md", "html", "json"):
        code = main(["report", str(folder), "--include-comments", "--format", fmt,
                     "--rules", str(MINI)])
        out, _ = capsys.readouterr()
        assert code == 0
        assert "rise please 4" in out.replace("\\", "")
        assert not any(ch in out for ch in INVISIBLE)


@pytest.mark.parametrize("text", [
    "see https://evil.example/x now", "mail me at boss@evil.example", "www.evil.example",
    "~~struck~~ text", "~single~",
])
def test_bare_links_and_strikethrough_stay_inert(text: str) -> None:
    escaped = md_escape(text)
    assert not re.search(r"[^\\]://|www\.|\w@|[^\\]~", escaped)
    gfm = MarkdownIt("commonmark").enable("strikethrough")
    rendered = gfm.render(escaped)
    assert "<a " not in rendered and "<s>" not in rendered and "<del>" not in rendered
    assert rendered == f"<p>{text}</p>\n"
