"""Group reports: who answered, role mix with suppression, spread, disagreements, barrier
shares, warnings at the top with their citations, comments only when asked for."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from spinout.answers.store import load
from spinout.report.build import render_report

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "fixtures" / "mini" / "rules"
GROUP = TESTS / "fixtures" / "answers" / "report_group"
WARNINGS = """\
group_warnings:
  - id: few_answered
    title: Few of the staff answered
    message: Most of the staff have not answered.
    participation_below: 0.5
    cite:
      - source: le_grand
        quote: "managers are the biggest barrier to employee ownership"
  - id: top_heavy
    title: Senior managers answered
    message: A senior manager is among few respondents.
    senior_share_at_least: 0.2
    editorial: true
"""


@pytest.fixture(scope="module")
def answers(mini_rules: Any) -> list[Any]:
    return [load(p, mini_rules).answers for p in sorted(GROUP.glob("*.yaml"))]


@pytest.fixture(scope="module")
def warned_rules(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from spinout.ruleset.loader import load_ruleset

    folder = tmp_path_factory.mktemp("warned") / "rules"
    shutil.copytree(MINI, folder)
    (folder / "warnings.yaml").write_text(WARNINGS, encoding="utf-8")
    header = folder / "ruleset.yaml"
    header.write_text(header.read_text(encoding="utf-8").replace(
        "  min_group_size: 3\n", "  min_group_size: 3\n  staff_count_question: staff\n"),
        encoding="utf-8")
    return load_ruleset(folder)


@pytest.fixture(scope="module")
def tripled(answers: list[Any]) -> list[Any]:
    """The four fixture respondents three times over (staff answers told apart): 9 frontline
    staff and 3 senior managers."""
    from spinout.record import replace

    return [replace(a, answers={**a.answers, "staff": 40 + i}) for i in range(3)
            for a in answers]


def test_roles_below_the_minimum_show_a_count_only(mini_rules: Any, answers: list[Any],
                                                   tripled: list[Any]) -> None:
    data = json.loads(render_report(mini_rules, answers, "json"))
    assert data["roles"] == [
        {"role": "frontline", "label": "Frontline staff", "count": 3, "suppressed": True},
        {"role": "senior", "label": "Senior manager", "count": None, "suppressed": True},
        {"role": None, "label": "No role given", "count": None, "suppressed": True},
    ]
    md = render_report(mini_rules, answers, "md")
    assert "- Senior manager: too few to show\n" in md
    assert "- Frontline staff: about 3 (figures withheld: too few others)" in md
    data = json.loads(render_report(mini_rules, tripled, "json"))
    roles = {r["role"]: r for r in data["roles"]}
    assert roles["frontline"]["count"] == 9 and not roles["frontline"]["suppressed"]
    assert roles["senior"]["count"] == 3 and not roles["senior"]["suppressed"]
    assert all(v % 5 == 0 for v in roles["frontline"]["medians"].values())


def test_dimensions_carry_median_and_middle_half(mini_rules: Any, answers: list[Any]) -> None:
    data = json.loads(render_report(mini_rules, answers, "json"))
    planning = next(d for d in data["dimensions"] if d["id"] == "planning")
    assert planning["score"] == data["spread"]["planning"]["median"] == 40.0
    assert data["spread"]["planning"] == {"suppressed": False, "q1": 20.0, "median": 40.0,
                                          "q3": 55.0, "scored": 3}
    html = render_report(mini_rules, answers, "html")
    assert html.count('class="chart-spread"') == 2
    assert "Middle half of respondents&#39; scores: 20 to 55" in html
    assert "lowest" not in html and "highest" not in html


def test_barrier_shares_and_the_stage_picture(mini_rules: Any, tripled: list[Any]) -> None:
    data = json.loads(render_report(mini_rules, tripled, "json"))
    assert [(b["id"], b["count"], b["share"]) for b in data["barriers"]] == [
        ("no_plan", 3, 0.25), ("weak_support", 3, 0.25)]
    assert [(s["id"], s["count"]) for s in data["stage"]["journey"]] == [
        ("explore", 3), ("plan_stage", 9), ("launch", None)]
    md = render_report(mini_rules, tripled, "md")
    assert "Raised for about 3 respondents of 12 (25%)." in md
    assert "Plan (current, about 9 respondents)" in md
    assert "Launch (ahead, too few respondents to show)" in md


def test_disagreements_list_the_most_divided_first(mini_rules: Any, tripled: list[Any]) -> None:
    data = json.loads(render_report(mini_rules, tripled, "json"))
    found = data["disagreements"]
    assert [d["index"] for d in found] == sorted((d["index"] for d in found), reverse=True)
    plan = next(d for d in found if d["question"] == "has_plan")
    assert [(c["label"], c["count"]) for c in plan["counts"]] == [
        ("No", 3), ("A draft", 6), ("Yes, agreed", 3)]
    assert "Where the group disagrees" in render_report(mini_rules, tripled, "html")


def test_comments_appear_only_when_asked_for(mini_rules: Any, answers: list[Any],
                                            tripled: list[Any]) -> None:
    without = render_report(mini_rules, tripled, "md")
    assert "Worried about pensions" not in without
    assert "--include-comments" in without
    for fmt in ("md", "html", "json"):
        assert "Worried about pensions" in render_report(mini_rules, tripled, fmt,
                                                         include_comments=True)
        assert "Worried about pensions" not in render_report(mini_rules, answers, fmt,
                                                             include_comments=True)


def test_comments_are_withheld_from_a_group_below_the_minimum(mini_rules: Any,
                                                              answers: list[Any]) -> None:
    md = render_report(mini_rules, answers[:2], "md", include_comments=True)
    assert "More say over the rota" not in md
    assert "withheld" in md
    data = json.loads(render_report(mini_rules, answers[:2], "json", include_comments=True))
    assert data["comments"] == [] and data["comments_status"] == "group_too_small"


def test_warnings_head_the_report_with_their_citations(warned_rules: Any) -> None:
    answers = [load(p, warned_rules, strict=False).answers for p in sorted(GROUP.glob("*.yaml"))]
    data = json.loads(render_report(warned_rules, answers, "json"))
    assert data["staff"] == 40 and data["participation"] == 0.1
    assert [(w["id"], w["refs"], w["editorial"]) for w in data["warnings"]] == [
        ("few_answered", [1], False), ("top_heavy", [], True)]
    assert data["citations"][0]["quote"] == "managers are the biggest barrier to employee ownership"
    md = render_report(warned_rules, answers, "md")
    brief = md[md.index("## In brief"):md.index("- Readiness band")]
    assert "**Warning: Few of the staff answered.** Most of the staff have not answered. [1]" \
        in brief
    summary = md[md.index("## Summary"):]
    summary = summary[:summary.index("- Readiness band")]
    assert "**Warning: Few of the staff answered.**" in summary
    assert "**Warning: Senior managers answered.**" in summary
    assert "(editorial guidance)" in summary
    html = render_report(warned_rules, answers, "html")
    for section in ("brief", "summary"):
        top = html[html.index(f'id="{section}"'):]
        top = top[:top.index('class="summary"')]
        assert top.count('class="warning"') == 2
        assert 'href="#cite-1"' in top


def test_a_group_report_needs_no_role(mini_rules: Any, answers: list[Any]) -> None:
    from spinout.answers.model import Respondent
    from spinout.record import replace

    anonymous = [replace(a, respondent=Respondent()) for a in answers]
    data = json.loads(render_report(mini_rules, anonymous, "json"))
    assert data["roles"][-1] == {"role": None, "label": "No role given", "count": 3,
                                 "suppressed": False, "overall": 55.0,
                                 "medians": {"planning": 40.0, "support": 75.0}}
    assert [r["count"] for r in data["roles"][:-1]] == [None, None]
