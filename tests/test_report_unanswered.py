"""Each dimension lists only the questions the respondent was asked: those left unanswered,
and those answered "don't know" as such; a follow-up never shown is not listed.

Mini: planning is scored by has_plan, plan_tested (asked only when has_plan is draft or
agreed) and helpers.
"""

from __future__ import annotations

import json
import re
from typing import Any

from spinout.answers.model import AnswersFile, Respondent, RulesRef
from spinout.report.build import individual, render

FOLLOW_UP = "Has the plan been tested with a bidder?"
GATE = "Do you have a business plan?"
HELPERS = "Which kinds of help do you have?"


def report(rs: Any, answers: dict[str, Any]) -> Any:
    h = rs.header
    return individual(rs, AnswersFile(RulesRef(h.name, h.version, rs.digest),
                                      Respondent("frontline"), answers))


def planning_md(rs: Any, answers: dict[str, Any]) -> str:
    text = render(report(rs, answers), "md")
    start = text.index("### Business planning")
    return text[start:text.index("### ", start + 4)]


def planning_html(rs: Any, answers: dict[str, Any]) -> str:
    text = render(report(rs, answers), "html")
    start = text.index('<article id="dim-planning">')
    return text[start:text.index("</article>", start)]


def planning_json(rs: Any, answers: dict[str, Any]) -> dict[str, Any]:
    data = json.loads(render(report(rs, answers), "json"))
    return next(d for d in data["dimensions"] if d["id"] == "planning")


def test_an_undecided_follow_up_counts_against_confidence_but_is_not_listed(mini_rules):
    d = report(mini_rules, {}).dimensions[0]
    assert [u.id for u in d.unknowns] == ["has_plan", "plan_tested", "helpers"]
    assert [u.id for u in d.unanswered] == ["has_plan", "helpers"]
    assert d.dont_know == ()
    md = planning_md(mini_rules, {})
    assert f"Not answered yet: {GATE}; {HELPERS}" in md
    assert FOLLOW_UP not in md and "don't know" not in md
    html = planning_html(mini_rules, {})
    assert f"<p>Not answered yet: {GATE}; {HELPERS}</p>" in html
    assert FOLLOW_UP not in html
    data = planning_json(mini_rules, {})
    assert data["unanswered"] == ["has_plan", "helpers"] and data["dont_know"] == []
    assert data["unknowns"] == ["has_plan", "plan_tested", "helpers"]


def test_a_dont_know_answer_is_listed_as_dont_know(mini_rules):
    answers = {"has_plan": "dont_know", "helpers": ["legal"]}
    md = planning_md(mini_rules, answers)
    assert f"Answered “don't know”: {GATE}" in md
    assert "Not answered yet" not in md and FOLLOW_UP not in md
    html = planning_html(mini_rules, answers)
    assert f"<p>Answered <q>don't know</q>: {GATE}</p>" in html.replace("&#39;", "'")
    assert "Not answered yet" not in html and FOLLOW_UP not in html
    data = planning_json(mini_rules, answers)
    assert data["dont_know"] == ["has_plan"] and data["unanswered"] == []


def test_a_follow_up_shown_is_listed_by_how_it_was_left(mini_rules):
    left = planning_md(mini_rules, {"has_plan": "draft", "helpers": ["legal"]})
    assert f"Not answered yet: {FOLLOW_UP}" in left
    unsure = {"has_plan": "draft", "plan_tested": "dont_know", "helpers": []}
    md = planning_md(mini_rules, unsure)
    assert f"Answered “don't know”: {FOLLOW_UP}" in md
    assert f"Not answered yet: {HELPERS}" not in md  # answered: no help
    assert planning_json(mini_rules, unsure)["dont_know"] == ["plan_tested"]


def test_a_follow_up_ruled_out_is_not_listed(mini_rules):
    for answers in ({"has_plan": "none"}, {"has_plan": "none", "plan_tested": True}):
        md = planning_md(mini_rules, answers)
        assert FOLLOW_UP not in md
        assert re.search(rf"Not answered yet: {re.escape(HELPERS)}\n", md)
        data = planning_json(mini_rules, answers)
        assert data["unanswered"] == ["helpers"] and data["unknowns"] == ["helpers"]
