"""The readiness engine on the mini rule set, with figures worked out by hand.

Mini: planning (weight 2) is scored by has_plan (none 0, draft 50, agreed 100), plan_tested
(asked when a plan exists; yes 100, no 20) and helpers (legal +40); support (weight 1) by
managers (1..5, linear 0..100) and helpers (legal 60, finance 60, summed up to 100).
Bands: low 0, mid 40, high 75; a blocker caps at mid.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import MINI

from spinout.engine.assess import assess
from spinout.engine.scoring import answer_points, band_for, cap_band
from spinout.engine.visibility import applicability, effective_answers, visible_questions

APPROX = pytest.approx


def variant(tmp_path: Path, *edits: tuple[str, str]) -> object:
    """The mini rule set with text replaced in its files (each edit must apply)."""
    from spinout.ruleset.loader import load_ruleset

    folder = tmp_path / "rules"
    shutil.copytree(MINI, folder)
    for old, new in edits:
        for path in folder.glob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            if old in text:
                path.write_text(text.replace(old, new, 1), encoding="utf-8")
                break
        else:
            raise AssertionError(f"edit does not apply: {old!r}")
    return load_ruleset(folder)


def dim(a, did):
    return a.dimension(did)


# --- visible questions -------------------------------------------------------------------------


def test_visible_questions_follow_conditions_in_order(mini_rules):
    assert [q.id for q in visible_questions(mini_rules, {})] == [
        "has_plan", "staff", "managers", "helpers", "comments"]
    assert [q.id for q in visible_questions(mini_rules, {"has_plan": "draft"})] == [
        "has_plan", "plan_tested", "staff", "managers", "helpers", "comments"]
    assert "plan_tested" not in [q.id for q in visible_questions(mini_rules,
                                                                 {"has_plan": "dont_know"})]


def test_effective_answers_drop_hidden_and_dont_know(mini_rules):
    answers = {"plan_tested": True, "has_plan": "none", "managers": "dont_know", "staff": 4}
    assert effective_answers(mini_rules, answers) == {"has_plan": "none", "staff": 4}


def test_applicability_tells_hidden_from_undetermined(mini_rules):
    app = applicability(mini_rules, {"has_plan": "dont_know"})
    assert "plan_tested" in app.possible and "plan_tested" not in app.certain
    app = applicability(mini_rules, {"has_plan": "none"})
    assert "plan_tested" not in app.possible
    app = applicability(mini_rules, {"has_plan": "agreed"})
    assert {"has_plan", "plan_tested"} <= app.certain


# --- points and scores -------------------------------------------------------------------------


def test_answer_points_per_question_type(mini_rules):
    q = mini_rules.question
    assert answer_points(q("has_plan"), "draft") == {"planning": 50}
    assert answer_points(q("plan_tested"), False) == {"planning": 20}
    assert answer_points(q("managers"), 2) == {"support": 25}
    assert answer_points(q("managers"), 9) == {"support": 100}
    assert answer_points(q("helpers"), ["finance"]) == {"support": 60, "planning": 0}
    assert answer_points(q("helpers"), ["legal", "finance"]) == {"support": 100, "planning": 40}
    assert answer_points(q("helpers"), []) == {"support": 0, "planning": 0}
    assert answer_points(q("has_plan"), "dont_know") == {}
    assert answer_points(q("staff"), 12) == {}


def test_dimension_scores_overall_and_explanation(mini_rules):
    a = assess(mini_rules, {"has_plan": "agreed", "plan_tested": False, "managers": 3,
                            "helpers": ["legal"], "comments": "fine", "staff": 10})
    planning, support = dim(a, "planning"), dim(a, "support")
    assert planning.score == APPROX(160 / 3)  # (100 + 20 + 40) / 3
    assert support.score == APPROX(55)  # (50 + 60) / 2
    assert a.overall == APPROX((2 * 160 / 3 + 55) / 3)
    assert (planning.confidence, support.confidence, a.confidence) == (1.0, 1.0, 1.0)
    assert [(c.question, c.answer, c.points, c.weight) for c in planning.contributions] == [
        ("has_plan", "agreed", 100, 1), ("plan_tested", False, 20, 1),
        ("helpers", ["legal"], 40, 1)]
    assert [c.share for c in planning.contributions] == APPROX([100 / 3, 20 / 3, 40 / 3])
    assert sum(c.share for c in support.contributions) == APPROX(support.score)
    assert a.band == a.uncapped_band == "mid" and a.capped_by == ()
    assert a.unknowns == () and a.ignored == ()


def test_contributions_carry_what_a_report_cites(mini_rules):
    a = assess(mini_rules, {"has_plan": "agreed", "managers": 5})
    cited = {}
    for d in a.dimensions:
        for c in d.contributions:
            q = mini_rules.question(c.question)
            cited[c.question] = [(x.source, x.quote) for x in q.cite]
    assert cited == {
        "has_plan": [("le_grand", "five key issues that the taskforce must help mutuals tackle")],
        "managers": [("le_grand", "managers are the biggest barrier")],
    }


def test_weakest_dimension_at_zero_is_reported_beside_a_high_average(mini_rules):
    a = assess(mini_rules, {"has_plan": "agreed", "plan_tested": True, "managers": 1})
    assert dim(a, "planning").score == 100
    assert dim(a, "support").score == 0
    assert a.overall == APPROX(200 / 3)
    assert a.weakest == "support"
    assert [b.id for b in a.barriers] == ["weak_support"]


def test_weakest_on_a_tie_is_the_first_dimension(mini_rules):
    a = assess(mini_rules, {"has_plan": "draft", "managers": 3})
    assert dim(a, "planning").score == dim(a, "support").score == 50
    assert a.weakest == "planning"


def test_no_answers_gives_no_scores(mini_rules):
    a = assess(mini_rules, {})
    assert a.overall is None and a.weakest is None and a.confidence == 0
    assert a.band == "low" and a.next_actions == ()
    assert [d.score for d in a.dimensions] == [None, None]
    assert [u.question for u in a.unknowns] == ["has_plan", "staff", "managers", "helpers"]
    assert dim(a, "planning").unknowns == ("has_plan", "plan_tested", "helpers")


# --- don't know and unknowns -------------------------------------------------------------------


def test_dont_know_lowers_confidence_not_the_score(mini_rules):
    known = {"has_plan": "agreed", "plan_tested": True, "managers": 3, "helpers": ["legal"]}
    before = assess(mini_rules, known)
    after = assess(mini_rules, {**known, "managers": "dont_know"})
    worst = assess(mini_rules, {**known, "managers": 1})
    assert dim(before, "support").score == APPROX(55)
    assert dim(after, "support").score == APPROX(60)  # helpers alone
    assert dim(worst, "support").score == APPROX(30)  # a bad answer would pull it down
    assert dim(before, "support").confidence == 1
    assert dim(after, "support").confidence == 0.5
    assert after.confidence == APPROX((2 * 1 + 1 * 0.5) / 3)
    assert dim(after, "support").unknowns == ("managers",)
    assert [(u.question, u.reason) for u in after.unknowns] == [
        ("staff", "unanswered"), ("managers", "dont_know")]


def test_unknown_gate_leaves_its_follow_up_undetermined(mini_rules):
    a = assess(mini_rules, {"has_plan": "dont_know", "plan_tested": True, "helpers": ["legal"]})
    planning = dim(a, "planning")
    assert planning.score == 40
    assert planning.confidence == APPROX(1 / 3)  # helpers of has_plan, plan_tested, helpers
    assert planning.unknowns == ("has_plan", "plan_tested")
    assert a.ignored == ("plan_tested",)
    assert [u.question for u in a.unknowns] == ["has_plan", "staff", "managers"]


def test_answers_to_hidden_questions_are_ignored(mini_rules):
    a = assess(mini_rules, {"has_plan": "none", "plan_tested": True, "ghost": 1})
    assert a.ignored == ("plan_tested",)
    assert "plan_tested" not in a.visible
    assert dim(a, "planning").score == 0
    assert [c.question for c in dim(a, "planning").contributions] == ["has_plan"]
    assert dim(a, "planning").confidence == 0.5  # has_plan of has_plan, helpers


# --- bands and barriers ------------------------------------------------------------------------


def test_band_thresholds(mini_rules):
    assert [band_for(mini_rules, s) for s in (None, 0, 39.99, 40, 74.9, 75, 100)] == [
        "low", "low", "low", "mid", "mid", "high", "high"]
    assert cap_band(mini_rules, "high", ("no_plan",)) == "mid"
    assert cap_band(mini_rules, "low", ("no_plan",)) == "low"
    assert cap_band(mini_rules, "high", ()) == "high"


def test_a_blocker_caps_the_band(tmp_path):
    rs = variant(tmp_path, ("blocker_cap: mid", "blocker_cap: low"))
    a = assess(rs, {"has_plan": "none", "managers": 5, "helpers": ["legal", "finance"]})
    assert a.overall == APPROX((2 * 20 + 100) / 3)  # planning (0 + 40) / 2, support 100
    assert a.uncapped_band == "mid"
    assert a.band == "low"
    assert a.capped_by == ("no_plan",)
    same = assess(rs, {"has_plan": "draft", "managers": 5, "helpers": ["legal", "finance"]})
    assert same.band == same.uncapped_band and same.capped_by == ()


def test_barriers_with_severity_and_evidence(mini_rules):
    a = assess(mini_rules, {"managers": 2, "has_plan": "none"})
    assert [(b.id, b.severity) for b in a.barriers] == [("no_plan", "blocker"),
                                                        ("weak_support", "major")]
    no_plan, weak = a.barriers
    assert [(e.kind, e.ref, e.value) for e in no_plan.evidence] == [("answer", "has_plan", "none")]
    assert [(e.kind, e.ref, e.value) for e in weak.evidence] == [("answer", "managers", 2),
                                                                 ("dimension", "support", 25)]
    assert [b.id for b in assess(mini_rules, {"has_plan": "draft", "managers": 4}).barriers] == []


def test_evidence_names_only_the_parts_that_triggered(tmp_path):
    rs = variant(tmp_path, ("when: {answer: has_plan, is: none}\n    why",
                            "when: {any: [{answer: has_plan, is: none}, "
                            "{answer: managers, at_most: 2}]}\n    why"))
    a = assess(rs, {"has_plan": "agreed", "managers": 1})
    barrier = next(b for b in a.barriers if b.id == "no_plan")
    assert [(e.ref, e.value) for e in barrier.evidence] == [("managers", 1)]


# --- stages ------------------------------------------------------------------------------------


def _stage(a):
    s = a.stage
    return (s.id, s.index, s.complete, [c.label for c in s.met], [c.label for c in s.remaining])


def test_stage_first_with_unmet_exit(mini_rules):
    blank = assess(mini_rules, {})
    assert _stage(blank) == ("explore", 0, False, [], [
        "A draft plan exists", "The plan is agreed", "Managers back it", "The plan was tested",
        "Never"])
    assert blank.stage.high == 2 and all(c.met is None for c in blank.stage.criteria)
    assert blank.stage.statuses == (("explore", "current"), ("plan_stage", "possible"),
                                    ("launch", "possible"))
    unmet = assess(mini_rules, {"has_plan": "none"})
    assert _stage(unmet) == ("explore", 0, False, [], ["A draft plan exists"])
    assert unmet.stage.high == 0
    a = assess(mini_rules, {"has_plan": "draft", "managers": 5})
    assert _stage(a) == ("plan_stage", 1, False, ["Managers back it"], ["The plan is agreed"])
    assert a.stage.statuses == (("explore", "done"), ("plan_stage", "current"),
                                ("launch", "ahead"))


def test_stage_held_back_by_unmet_entry(mini_rules):
    a = assess(mini_rules, {"has_plan": "agreed", "managers": 4, "plan_tested": False})
    assert _stage(a) == ("plan_stage", 1, False, ["The plan is agreed", "Managers back it"],
                         ["The plan was tested"])
    assert [(c.stage, c.kind) for c in a.stage.criteria] == [
        ("plan_stage", "exit"), ("plan_stage", "exit"), ("launch", "entry")]
    a = assess(mini_rules, {"has_plan": "agreed", "managers": 4, "plan_tested": True})
    assert _stage(a) == ("launch", 2, False, ["The plan was tested"], ["Never"])


def test_stage_completion(tmp_path):
    rs = variant(tmp_path, ("when: {all: [{answer: has_plan, is: agreed}, "
                            "{answer: has_plan, is: none}]}", "when: {answer: staff, at_least: 3}"))
    a = assess(rs, {"has_plan": "agreed", "managers": 4, "plan_tested": True, "staff": 3})
    assert _stage(a) == ("launch", 2, True, ["The plan was tested", "Never"], [])
    assert [s for _, s in a.stage.statuses] == ["done", "done", "done"]


# --- legal forms -------------------------------------------------------------------------------


def _forms(a):
    return [(f.id, f.rank, f.fit, f.excluded) for f in a.legal_forms]


def test_legal_forms_ranked_by_fit_with_reasons(mini_rules):
    a = assess(mini_rules, {"helpers": ["legal"]})
    assert _forms(a) == [("coop", 1, 2, False), ("cic", 2, 0, False)]
    assert a.legal_forms[0].reasons_for == ("You have legal help.",)
    a = assess(mini_rules, {"has_plan": "none"})
    assert _forms(a) == [("cic", 1, 3, False), ("coop", 2, 0, False)]
    assert a.legal_forms[0].reasons_for == ("Simple to set up.",)
    blank = assess(mini_rules, {})
    assert _forms(blank) == [("coop", 1, 0, False), ("cic", 1, 0, False)]  # a tie
    assert not blank.forms.ranked and blank.forms.questions == ("has_plan", "helpers")
    assert a.forms.ranked and a.forms.questions == ()


def test_forms_ruled_out_and_conflicts_are_read_from_barriers(tmp_path):
    rs = variant(tmp_path, ("    dimension: planning\n", "    dimension: planning\n"
                                                          "    rules_out_mutual: true\n"
                                                          "    conflict: true\n"))
    a = assess(rs, {"has_plan": "none", "helpers": ["legal"]})
    assert not a.forms.ranked and a.forms.ruled_out_by == ("no_plan",)
    assert a.forms.conflicts == ("no_plan",)


def test_excluded_form_ranks_last_whatever_its_fit(mini_rules):
    a = assess(mini_rules, {"has_plan": "none", "helpers": ["legal", "finance"]})
    assert _forms(a) == [("coop", 1, 2, False), ("cic", 2, 3, True)]
    assert a.legal_forms[1].excluded_by == ("Finance help suggests another form.",)


def test_reasons_against(tmp_path):
    rs = variant(tmp_path, ("points: 2\n", "points: -2\n"))
    a = assess(rs, {"helpers": ["legal"]})
    assert _forms(a) == [("cic", 1, 0, False), ("coop", 2, -2, False)]
    assert a.legal_forms[1].reasons_against == ("You have legal help.",)


# --- next best actions -------------------------------------------------------------------------


def _actions(a):
    return [(n.question, n.target, n.clears) for n in a.next_actions]


def test_next_action_names_gain_and_cleared_barrier(mini_rules):
    a = assess(mini_rules, {"has_plan": "none", "managers": 2, "helpers": ["legal"]})
    assert a.overall == APPROX(27.5)  # planning 20, support 42.5
    assert _actions(a) == [("has_plan", "agreed", ("no_plan",)),
                           ("managers", 5, ("weak_support",)),
                           ("helpers", ["legal", "finance"], ("weak_support",))]
    first = a.next_actions[0]
    assert first.current == "none"
    assert first.overall_gain == APPROX(100 / 3)  # planning 20 -> 70, weight 2 of 3
    assert first.dimension_gains == (("planning", APPROX(50)),)
    assert first.band_after == "mid"
    assert mini_rules.question(first.question).action == "Agree a business plan"
    assert a.next_actions[1].overall_gain == APPROX(12.5)
    assert a.next_actions[2].overall_gain == APPROX(20 / 3)


def test_clearing_a_barrier_ranks_above_a_bigger_gain(mini_rules):
    a = assess(mini_rules, {"has_plan": "draft", "plan_tested": False, "managers": 3,
                            "helpers": []})
    assert _actions(a) == [("helpers", ["legal"], ("weak_support",)),
                           ("managers", 5, ("weak_support",)),
                           ("plan_tested", True, ()),
                           ("has_plan", "agreed", ())]
    assert [n.overall_gain for n in a.next_actions] == APPROX([170 / 9, 25 / 3, 160 / 9, 100 / 9])


def test_next_actions_limit_and_nothing_to_gain(mini_rules):
    answers = {"has_plan": "none", "managers": 2, "helpers": ["legal"]}
    assert len(assess(mini_rules, answers, actions=1).next_actions) == 1
    assert assess(mini_rules, answers, actions=0).next_actions == ()
    best = {"has_plan": "agreed", "plan_tested": True, "managers": 5,
            "helpers": ["legal", "finance"]}
    assert assess(mini_rules, best).next_actions == ()


def test_unanswered_and_dont_know_questions_get_no_action(mini_rules):
    a = assess(mini_rules, {"has_plan": "dont_know", "managers": 1})
    assert [n.question for n in a.next_actions] == ["managers"]


# --- purity ------------------------------------------------------------------------------------


def test_assess_does_not_change_or_keep_the_answers(mini_rules):
    answers = {"helpers": ["legal"], "has_plan": "draft"}
    a = assess(mini_rules, answers)
    assert answers == {"helpers": ["legal"], "has_plan": "draft"}
    answers["helpers"].append("finance")
    assert dim(a, "support").contributions[0].answer == ["legal"]
