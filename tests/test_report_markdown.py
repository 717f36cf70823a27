"""Markdown reports: clean CommonMark, sections in order, hostile text shown as typed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from test_report_html import HOSTILE, SHOWN, hostile_rules

from spinout.answers.store import load
from spinout.report.build import render_report

ANSWERS = Path(__file__).resolve().parent / "fixtures" / "answers"
ALLOWED = {"heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline",
           "bullet_list_open", "bullet_list_close", "ordered_list_open", "ordered_list_close",
           "list_item_open", "list_item_close", "blockquote_open", "blockquote_close", "text",
           "strong_open", "strong_close", "em_open", "em_close", "softbreak"}
INDIVIDUAL = ["Readiness report", "In brief", "Summary", "Readiness by dimension",
              "Business planning", "Manager support", "Barriers", "Major", "Stage",
              "Legal forms", "Next best actions", "Unknowns to resolve", "Comments",
              "References"]
GROUP = ["Group readiness report", "In brief", "Summary", "Respondents",
         "Where the group disagrees"]


def tokens(text: str) -> list[Any]:
    found = []
    for token in MarkdownIt("commonmark").parse(text):
        found.append(token)
        found.extend(token.children or [])
    return found


def headings(text: str) -> list[str]:
    found = tokens(text)
    return [found[i + 1].content for i, t in enumerate(found) if t.type == "heading_open"]


def shown_text(text: str) -> str:
    return re.sub(r"\s+", " ", "".join(t.content for t in tokens(text) if t.type == "text"))


@pytest.fixture(scope="module")
def individual(mini_rules: Any) -> str:
    return render_report(mini_rules, [load(ANSWERS / "report_individual.yaml",
                                           mini_rules).answers], "md")


def test_sections_come_in_reading_order(individual: str, mini_rules: Any) -> None:
    found = headings(individual)
    assert [next(h for h in found if h.startswith(w)) for w in INDIVIDUAL] == \
        [h for h in found if any(h.startswith(w) for w in INDIVIDUAL)]
    group = render_report(mini_rules, [load(p, mini_rules).answers for p in
                                       sorted((ANSWERS / "report_group").glob("*.yaml"))], "md")
    assert headings(group)[:5] == GROUP


def test_only_plain_commonmark_is_used(individual: str) -> None:
    assert {t.type for t in tokens(individual)} <= ALLOWED
    assert "\t" not in individual and not individual.endswith("\n\n")
    assert all(not line.startswith("    ") for line in individual.splitlines())


def test_the_reference_list_reads_as_numbered_lines(individual: str) -> None:
    refs = individual[individual.index("## References"):]
    assert "1. Julian Le Grand tag archive, line 89\n\n" \
        "   Article: Third Sector: “Pathfinder mutuals suffering mixed fortunes and need more " \
        "support mechanisms”\n\n   > Business Planning\n" in refs
    assert "### Manager support: score 42.5 out of 100 [2]" in individual


def test_editorial_guidance_is_labelled(individual: str) -> None:
    stage = individual[individual.index("## Stage"):individual.index("## Legal forms")]
    assert "*Editorial guidance: this goes beyond what the cited sources say.*" in stage
    assert individual.count("Editorial guidance") == 4  # header note, stage, two forms


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    from spinout.ruleset.loader import load_ruleset

    rs = load_ruleset(hostile_rules(tmp_path_factory.mktemp("hostile_md")))
    answers = load(ANSWERS / "report_individual.yaml", rs, strict=False).answers
    return rs, answers.with_answer("comments", f"First {HOSTILE}\n\n# Second {HOSTILE}")


@pytest.mark.parametrize("group", [False, True], ids=["individual", "group"])
def test_hostile_text_is_shown_as_typed(hostile: tuple[Any, Any], group: bool) -> None:
    rs, answers = hostile
    respondents = [answers] * 3 if group else [answers]
    text = render_report(rs, respondents, "md", include_comments=True)
    assert "\x1b" not in text
    assert {t.type for t in tokens(text)} <= ALLOWED
    shown = shown_text(text)
    for literal in SHOWN:
        assert shown.count(literal) >= 4, literal
    assert "# Second" in shown


def test_the_check_would_see_raw_html() -> None:
    assert "html_inline" in {t.type for t in tokens("a <script>x</script> b\n")}
