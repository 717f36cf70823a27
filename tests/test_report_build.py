"""Choosing the format, guarding the output, writing it, and Markdown escaping."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinout.errors import OutputError, UsageError
from spinout.output import check_output, format_for, looks_like_answers, write_output
from spinout.report.build import FORMATS
from spinout.report.text import inline, md_escape

ANSWERS_TEXT = "format: 1\nrules: {name: mini}\nanswers:\n  has_plan: draft\n"


@pytest.mark.parametrize(("output", "fmt", "expected"), [
    (None, None, "md"),
    (Path("r.md"), None, "md"),
    (Path("r.markdown"), None, "md"),
    (Path("r.HTML"), None, "html"),
    (Path("r.htm"), None, "html"),
    (Path("r.json"), None, "json"),
    (Path("-"), None, "md"),
    (Path("r.txt"), "html", "html"),
    (Path("r.html"), "json", "json"),
    (None, "HTML", "html"),
    (Path("r.json"), "markdown", "md"),
])
def test_format_follows_option_then_suffix_then_markdown(output: Path | None, fmt: str | None,
                                                        expected: str) -> None:
    assert format_for(output, fmt, FORMATS) == expected


def test_unknown_format_is_a_usage_error_naming_the_choices() -> None:
    with pytest.raises(UsageError) as info:
        format_for(None, "pdf", FORMATS)
    assert info.value.exit_code == 2
    assert "md, html, json" in str(info.value)


def test_format_outside_the_allowed_set_is_refused() -> None:
    with pytest.raises(UsageError, match="md, json"):
        format_for(None, "html", allowed=("md", "json"))
    with pytest.raises(UsageError, match=r"\.md or \.json"):
        format_for(Path("x.html"), None, allowed=("md", "json"))


@pytest.mark.parametrize("name", ["r.txt", "r.pdf", "report", "r.csv", "r.yaml"])
def test_a_suffix_naming_no_format_of_this_command_is_refused(name: str) -> None:
    with pytest.raises(UsageError, match=r"end the name in \.md, \.html or \.json") as info:
        format_for(Path(name), None, FORMATS)
    assert info.value.exit_code == 2


def test_no_output_needs_no_check() -> None:
    check_output(None, [Path("missing.yaml")])


def test_output_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist") as info:
        check_output(tmp_path / "nope" / "r.md", [])
    assert "create it first" in str(info.value)


def test_output_over_an_input_is_refused(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("format: 1\n", encoding="utf-8")
    with pytest.raises(OutputError, match="one of the answers files"):
        check_output(tmp_path / "." / "a.yaml", [answers])


def test_output_over_any_answers_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text(ANSWERS_TEXT, encoding="utf-8")
    with pytest.raises(OutputError, match="looks like an answers file"):
        check_output(other, [tmp_path / "a.yaml"])


def test_output_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="folder"):
        check_output(tmp_path, [])


def test_an_old_report_may_be_replaced(tmp_path: Path) -> None:
    old = tmp_path / "r.md"
    old.write_text("# Readiness report\n\nformat: 1 is mentioned here\n", encoding="utf-8")
    check_output(old, [])
    write_output(old, "new\n")
    assert old.read_text(encoding="utf-8") == "new\n"


@pytest.mark.parametrize(("text", "answers"), [
    (ANSWERS_TEXT, True),
    ("# comment\nformat: 1\nrespondent: {role: x}\nanswers: {}\n", True),
    ("answers:\n  x: 1\n", False),
    ("  format: 1\n  answers: {}\n", True),
    ("some text about format: and answers:\n", False),
    ("\ufeffformat: 1\nanswers:\n  has_plan: draft\n", True),
    ('"format": 1\n\'answers\': {has_plan: draft}\n', True),
    ("{format: 1, rules: {name: mini}, answers: {has_plan: draft}}\n", True),
    ('{"format": 1, "answers": {}}', True),
    ("- format: 1\n- answers: {}\n", False),
    ("# Readiness report\n\nformat: 1\n", False),
])
def test_answers_files_are_recognised_by_parsing_them(tmp_path: Path, text: str,
                                                              answers: bool) -> None:
    path = tmp_path / "f"
    path.write_text(text, encoding="utf-8")
    assert looks_like_answers(path) is answers


def test_write_output_prints_without_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    write_output(None, "hello\n")
    assert capsys.readouterr().out == "hello\n"


def test_write_output_leaves_no_temporary_file(tmp_path: Path) -> None:
    write_output(tmp_path / "r.html", "<p>x</p>\n")
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


# --- Markdown escaping ------------------------------------------------------------------------


def _render_inline(text: str) -> str:
    """What a CommonMark reader shows for one paragraph: its text, tags removed."""
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(text)
    return rendered


def _shown_text(rendered: str) -> str:
    inner = re.sub(r"</?p>\n?", "", rendered).strip()
    assert "<" not in inner.replace("&lt;", ""), rendered
    return html.unescape(inner)


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "[link](javascript:alert(1))", "*bold* and _it_",
    "`code`", "a | b", "# heading", "1. list", "- item", "+ item", "> quote", "&amp; &#60;",
    "![img](x.png)", "<http://evil>", "back\\slash", "x\\*y", "~~~", "=====", "snake_case_id",
])
def test_md_escape_shows_markup_as_typed(text: str) -> None:
    assert _shown_text(_render_inline(md_escape(text))) == text


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_md_escape_keeps_any_text_literal(text: str) -> None:
    expected = inline(text)
    if not expected:
        return
    shown = _shown_text(_render_inline(md_escape(text)))
    assert re.sub(r"\s+", " ", shown).strip() == re.sub(r"\s+", " ", expected).strip()


def test_md_escape_leaves_plain_words_readable() -> None:
    assert md_escape("Version 0.1 of the plan, staff_count 42.5") == \
        "Version 0.1 of the plan, staff_count 42.5"
