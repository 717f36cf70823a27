"""The questionnaire flow, without a terminal: next step, Back, review, rule-set changes."""

from __future__ import annotations

import pytest

from spinout.answers.validate import RuleChanges
from spinout.questionnaire.flow import (
    REVIEW,
    ROLE,
    ROLE_NUMBER,
    Flow,
    minutes_for,
    outstanding,
    plan_resumption,
)
from spinout.record import replace
from spinout.values import DONT_KNOW

COMPLETE = {"has_plan": "draft", "plan_tested": True, "staff": 12, "managers": 4,
            "helpers": ["legal"], "comments": ""}


def no_roles(rs):
    copy = replace(rs, roles=())
    return copy


def test_role_is_asked_first(mini_rules):
    assert Flow.start(mini_rules, {}, None).step == ROLE
    assert Flow.start(mini_rules, {}, "frontline").step == "has_plan"
    assert Flow.start(no_roles(mini_rules), {}, None).step == "has_plan"


def test_flows_are_equal_by_answers_and_place_whatever_rule_set_they_read(mini_rules):
    flow = Flow.start(mini_rules, {"has_plan": "draft"}, "frontline")
    assert flow == replace(flow, rs=no_roles(mini_rules))
    assert flow != flow.answer(True) and flow != replace(flow, from_review=True)
    assert repr(flow) == ("Flow(answers={'has_plan': 'draft'}, role='frontline', "
                          "step='plan_tested', reask=frozenset(), revisit=frozenset(), "
                          "from_review=False)")


def test_choosing_the_role_moves_to_the_first_question(mini_rules):
    flow = Flow.start(mini_rules, {}, None).choose_role("senior")
    assert (flow.role, flow.step) == ("senior", "has_plan")


def test_answers_move_forward_and_conditions_hide_questions(mini_rules):
    flow = Flow.start(mini_rules, {}, "frontline")
    assert flow.answer("none").step == "staff"
    assert flow.answer("draft").step == "plan_tested"


def test_progress_numbers_questions_in_order_with_the_section_name(mini_rules):
    flow = Flow.start(mini_rules, {}, "frontline")
    assert (flow.progress().section, flow.progress().number) == ("Planning", 1)
    after = flow.answer("agreed")
    assert (after.progress().section, after.progress().number) == ("Planning", 2)
    people = after.answer(True)
    assert (people.progress().section, people.progress().number) == ("People", 3)


def test_the_estimate_counts_pending_questions_and_half_of_those_that_may_apply(mini_rules):
    flow = Flow.start(mini_rules, {}, "frontline")
    assert flow.still_to_answer() == 5.5  # five to ask; plan_tested depends on has_plan
    assert flow.answer("agreed").still_to_answer() == 5  # plan_tested now applies
    assert flow.answer("none").still_to_answer() == 4  # and now it does not
    assert minutes_for(5.5) == 2 and minutes_for(0.5) == 1 and minutes_for(0) == 0
    assert flow.progress().minutes_left == 2


def test_numbers_never_jump_and_the_review_uses_the_same_ones(mini_rules):
    flow = Flow.start(mini_rules, {}, "frontline")
    asked = {}
    for value in ("draft", True, 12, 4, ["legal"], "ok"):
        asked[flow.step] = flow.progress().number
        flow = flow.answer(value)
    assert list(asked.values()) == [1, 2, 3, 4, 5, 6]
    rows = flow.review_rows()
    assert {r.step: r.number for r in rows if r.step != ROLE} == asked
    assert rows[0].number == ROLE_NUMBER == 0


def test_resume_starts_at_the_next_unanswered_question(mini_rules):
    flow = Flow.start(mini_rules, {"has_plan": "draft", "plan_tested": False}, "frontline")
    assert flow.step == "staff"
    assert flow.current() is None


def test_complete_answers_go_straight_to_review(mini_rules):
    assert Flow.start(mini_rules, COMPLETE, "frontline").step == REVIEW


def test_dont_know_counts_as_answered(mini_rules):
    flow = Flow.start(mini_rules, {"has_plan": DONT_KNOW}, "frontline")
    assert flow.step == "staff"  # plan_tested stays hidden: "don't know" is no real answer


def test_back_goes_to_the_previous_visible_question_then_the_role(mini_rules):
    flow = Flow.start(mini_rules, {"has_plan": "none"}, "frontline")
    assert flow.step == "staff"
    back = flow.back()
    assert back.step == "has_plan"
    assert back.current() == "none"
    assert back.back().step == ROLE
    assert back.back().back().step == ROLE  # nothing before the role


def test_back_is_not_offered_where_there_is_nowhere_to_go(mini_rules):
    assert not Flow.start(mini_rules, {}, None).can_go_back()
    assert Flow.start(mini_rules, {}, "frontline").can_go_back()
    plain = no_roles(mini_rules)
    first = Flow.start(plain, {}, None)
    assert first.step == "has_plan" and not first.can_go_back()
    assert first.back() == first


def test_after_going_back_forward_revisits_the_questions_stepped_over(mini_rules):
    flow = Flow.start(mini_rules, {"has_plan": "draft", "plan_tested": True}, "frontline")
    assert flow.step == "staff"
    two_back = flow.back().back()
    assert two_back.step == "has_plan"
    again = two_back.answer("agreed")
    assert again.step == "plan_tested"  # stepped over on the way back: asked again
    assert again.current() is True
    assert again.answer(False).step == "staff"


def test_going_back_from_the_role_returns_to_the_first_question(mini_rules):
    flow = Flow.start(mini_rules, {"has_plan": "none"}, "frontline").back().back()
    assert flow.step == ROLE
    assert flow.choose_role("senior").step == "has_plan"


def test_changing_an_answer_from_the_review_returns_to_the_review(mini_rules):
    flow = Flow.start(mini_rules, COMPLETE, "frontline").change("managers")
    assert flow.step == "managers" and flow.current() == 4
    assert flow.answer(2).step == REVIEW
    assert flow.answer(2).answers["managers"] == 2
    assert flow.back().step == REVIEW


def test_a_change_that_reveals_a_question_asks_it_before_the_review(mini_rules):
    answers = {**COMPLETE, "has_plan": "none"}
    del answers["plan_tested"]
    flow = Flow.start(mini_rules, answers, "frontline")
    assert flow.step == REVIEW
    revealed = flow.change("has_plan").answer("agreed")
    assert revealed.step == "plan_tested"
    assert revealed.back().step == REVIEW
    assert revealed.answer(True).step == REVIEW


def test_changing_the_role_from_the_review(mini_rules):
    flow = Flow.start(mini_rules, COMPLETE, "frontline").change(ROLE)
    assert flow.step == ROLE
    after = flow.choose_role("senior")
    assert (after.role, after.step) == ("senior", REVIEW)


def test_review_lists_the_role_then_visible_questions_with_answers(mini_rules):
    answers = {**COMPLETE, "has_plan": "none"}
    rows = Flow.start(mini_rules, answers, "frontline").review_rows()
    assert [r.step for r in rows] == [ROLE, "has_plan", "staff", "managers", "helpers",
                                     "comments"]
    assert [r.number for r in rows] == [0, 1, 2, 3, 4, 5]
    assert rows[0].value == "frontline"
    assert rows[1].section == "Planning" and rows[1].value == "none"
    assert rows[2].section == "People"


def test_changed_questions_are_asked_again_and_nothing_else(mini_rules):
    flow = Flow.start(mini_rules, COMPLETE, "frontline", frozenset({"managers", "helpers"}))
    assert flow.step == "managers"
    assert flow.current() == 4  # the earlier answer is the default
    assert outstanding(flow)
    nxt = flow.answer(5)
    assert nxt.step == "helpers"
    assert outstanding(nxt)
    done = nxt.answer(["legal"])
    assert done.step == REVIEW
    assert not outstanding(done)


def test_plan_resumption_keeps_retired_and_reasks_no_longer_valid_answers(mini_rules):
    answers = {"has_plan": "maybe", "old_question": 3, "staff": 9, "typo_id": 1}
    changes = RuleChanges(added=("helpers",), removed=("old_question",),
                          changed=("has_plan", "staff"))
    plan = plan_resumption(mini_rules, answers, changes)
    assert plan.dropped == ("has_plan",)
    assert plan.retired == ("old_question",)
    assert plan.reask == {"helpers", "has_plan", "staff"}
    assert plan_resumption(mini_rules, answers, None).reask == frozenset()


@pytest.mark.parametrize("step", [ROLE, REVIEW])
def test_question_is_none_on_role_and_review(mini_rules, step):
    flow = Flow.start(mini_rules, COMPLETE, "frontline").change(step)
    assert flow.question is None
