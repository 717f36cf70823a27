"""The questionary prompts, fed real keys through a pipe (no terminal), and typed replies."""

from __future__ import annotations

import io

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from spinout.answers.numbers import parse_number
from spinout.questionnaire import replies
from spinout.questionnaire.prompts import Prompter, checkbox_reply, uses_typing
from spinout.questionnaire.replies import BACK, DONT_KNOW_REPLY, WHY, Reply
from spinout.values import DONT_KNOW

DOWN, UP, ENTER, SPACE, BACKSPACE, CTRL_C = "\x1b[B", "\x1b[A", "\r", " ", "\x7f", "\x03"


def run(keys: str, call, output=None):
    """Send keys to a fresh prompter, then close the input so a prompt left waiting fails
    (EOFError) instead of hanging."""
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        return call(Prompter(input=pipe, output=output or DummyOutput()))


def ask(rs, qid, keys, current=None, can_back=True, question=None):
    q = question or rs.question(qid)
    return run(keys, lambda p: p.question(q, current, can_back))


# --- select lists ------------------------------------------------------------------------------


def test_select_picks_the_option_under_the_pointer(mini_rules):
    assert ask(mini_rules, "has_plan", ENTER) == Reply("answer", "none")
    assert ask(mini_rules, "has_plan", DOWN + ENTER) == Reply("answer", "draft")


def test_select_starts_on_the_current_answer(mini_rules):
    assert ask(mini_rules, "has_plan", ENTER, current="agreed") == Reply("answer", "agreed")
    assert ask(mini_rules, "has_plan", ENTER, current=DONT_KNOW) == DONT_KNOW_REPLY


def test_select_special_lines_follow_the_options(mini_rules):
    assert ask(mini_rules, "has_plan", DOWN * 3 + ENTER) == DONT_KNOW_REPLY
    assert ask(mini_rules, "has_plan", DOWN * 4 + ENTER) == WHY
    assert ask(mini_rules, "has_plan", DOWN * 5 + ENTER) == BACK


def test_back_is_offered_only_when_possible(mini_rules):
    assert ask(mini_rules, "has_plan", UP + ENTER, can_back=True) == BACK
    assert ask(mini_rules, "has_plan", UP + ENTER, can_back=False) == WHY


def test_dont_know_is_left_out_when_the_rules_forbid_it(mini_rules):
    strict = mini_rules.question("has_plan").model_copy(update={"dont_know": False})
    assert ask(mini_rules, "", DOWN * 3 + ENTER, question=strict) == WHY


def test_yes_no_and_small_scales_are_select_lists(mini_rules):
    assert ask(mini_rules, "plan_tested", ENTER) == Reply("answer", True)
    assert ask(mini_rules, "plan_tested", DOWN + ENTER) == Reply("answer", False)
    managers = mini_rules.question("managers")
    assert not uses_typing(managers)
    assert ask(mini_rules, "managers", DOWN * 3 + ENTER) == Reply("answer", 4)
    assert ask(mini_rules, "managers", ENTER, current=2) == Reply("answer", 2)


def test_yes_no_without_options_offers_yes_and_no(mini_rules):
    bare = mini_rules.question("plan_tested").model_copy(update={"options": ()})
    assert ask(mini_rules, "", DOWN + ENTER, question=bare) == Reply("answer", False)


def test_wide_scales_are_typed(mini_rules):
    wide = mini_rules.question("managers").model_copy(update={"max": 100})
    assert uses_typing(wide)
    assert ask(mini_rules, "", "70" + ENTER, question=wide) == Reply("answer", 70)


# --- checkbox ----------------------------------------------------------------------------------


def test_checkbox_ticks_several_options(mini_rules):
    assert ask(mini_rules, "helpers", SPACE + DOWN + SPACE + ENTER) == Reply(
        "answer", ["legal", "finance"])
    assert ask(mini_rules, "helpers", ENTER) == Reply("answer", [])


def test_checkbox_starts_with_the_current_answer_ticked(mini_rules):
    assert ask(mini_rules, "helpers", ENTER, current=["finance"]) == Reply("answer", ["finance"])
    assert ask(mini_rules, "helpers", ENTER, current=DONT_KNOW) == DONT_KNOW_REPLY


def test_checkbox_special_lines(mini_rules):
    assert ask(mini_rules, "helpers", DOWN * 2 + SPACE + ENTER) == DONT_KNOW_REPLY
    assert ask(mini_rules, "helpers", SPACE + DOWN * 3 + SPACE + ENTER) == WHY
    assert ask(mini_rules, "helpers", DOWN * 4 + SPACE + ENTER) == BACK


def test_checkbox_reply_rules(mini_rules):
    q = mini_rules.question("helpers")
    assert checkbox_reply(q, [("option", 1), ("option", 0)]) == Reply("answer",
                                                                      ["legal", "finance"])
    assert checkbox_reply(q, [("option", 0), ("special", "back")]) == BACK
    everything = [("option", 0), ("option", 1), ("special", "dont_know"), ("special", "why")]
    assert checkbox_reply(q, everything) == Reply("answer", ["legal", "finance"])


# --- typed prompts -----------------------------------------------------------------------------


def test_number_is_typed_and_validated(mini_rules):
    assert ask(mini_rules, "staff", "12" + ENTER) == Reply("answer", 12)
    retyped = "abc" + ENTER + BACKSPACE * 3 + "0" + ENTER + BACKSPACE + "1,200" + ENTER
    assert ask(mini_rules, "staff", retyped) == Reply("answer", 1200)


def test_number_keys_for_why_back_and_dont_know(mini_rules):
    assert ask(mini_rules, "staff", "?" + ENTER) == WHY
    assert ask(mini_rules, "staff", "<" + ENTER) == BACK
    wide = mini_rules.question("managers").model_copy(update={"max": 100})
    assert ask(mini_rules, "", "dk" + ENTER, question=wide) == DONT_KNOW_REPLY
    # staff forbids "don't know": dk is refused until a number is typed
    assert ask(mini_rules, "staff", "dk" + ENTER + BACKSPACE * 2 + "3" + ENTER) == Reply(
        "answer", 3)


def test_number_default_is_the_current_answer(mini_rules):
    assert ask(mini_rules, "staff", ENTER, current=40) == Reply("answer", 40)


def test_free_text(mini_rules):
    assert ask(mini_rules, "comments", "All good" + ENTER) == Reply("answer", "All good")
    assert ask(mini_rules, "comments", ENTER) == Reply("answer", "")
    assert ask(mini_rules, "comments", "dk" + ENTER) == DONT_KNOW_REPLY


def test_ctrl_c_is_not_swallowed(mini_rules):
    with pytest.raises(KeyboardInterrupt):
        ask(mini_rules, "has_plan", CTRL_C)
    with pytest.raises(KeyboardInterrupt):
        ask(mini_rules, "staff", "1" + CTRL_C)


# --- role and review ---------------------------------------------------------------------------


def test_role_prompt(mini_rules):
    assert run(ENTER, lambda p: p.role(mini_rules.roles, None)) == "frontline"
    assert run(DOWN + ENTER, lambda p: p.role(mini_rules.roles, None)) == "senior"
    assert run(ENTER, lambda p: p.role(mini_rules.roles, "senior")) == "senior"


def test_review_prompt(mini_rules):
    assert run(ENTER, lambda p: p.review(6)) is None
    assert run("2" + ENTER, lambda p: p.review(6)) == 2
    assert run("9" + ENTER + BACKSPACE + "6" + ENTER, lambda p: p.review(6)) == 6


# --- what reaches the terminal -----------------------------------------------------------------


def test_escapes_in_rule_text_never_reach_the_terminal(mini_rules):
    q = mini_rules.question("has_plan")
    options = list(q.options)
    options[0] = options[0].model_copy(update={"label": "Evil \x1b]0;pwned\x07 [bold]x[/bold]"})
    evil = q.model_copy(update={"options": tuple(options), "text": "Plan \x1b[31mred?"})
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(24, 80), term="xterm")
    assert run(ENTER, lambda p: p.question(evil, None, True), output) == Reply("answer", "none")
    shown = screen.getvalue()
    assert "Evil  [bold]x[/bold]" not in shown  # whitespace folded
    assert "Evil [bold]x[/bold]" in shown  # markup shown literally
    assert "Plan red?" in shown
    assert "\x1b]0;" not in shown and "\x1b[31mred" not in shown


def test_long_typed_question_text_is_folded_to_the_width_not_cut(mini_rules):
    words = "counting everyone who might move to the new organisation once it is set up"
    long_q = mini_rules.question("staff").model_copy(update={"text": f"How many staff, {words}?"})
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(24, 40), term="xterm")
    assert run("12" + ENTER, lambda p: p.question(long_q, None, True), output) == Reply(
        "answer", 12)
    shown = " ".join(screen.getvalue().split())
    assert "set up?" in shown and "organisation" in shown
    folded = Prompter(output=DummyOutput())._wrapped(f"How many staff, {words}?", 5)
    assert all(len(line) <= 80 for line in folded.splitlines())
    assert " ".join(folded.split()) == f"How many staff, {words}?"


# --- typed replies -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("12", 12), (" 3.5 ", 3.5), ("1,200", 1200), ("2.0", 2), ("1 000", 1000),
    ("", None), ("abc", None), ("nan", None), ("inf", None), ("1_000", None), ("1,5", None),
    ("12,00", None), ("-1,200.5", -1200.5)])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_interpret_messages(mini_rules):
    staff = mini_rules.question("staff")
    assert "out of range" in replies.interpret(staff, "0", True)
    assert "number" in replies.interpret(staff, "lots", True)
    assert "needs an answer" in replies.interpret(staff, "DK", True)
    assert "first question" in replies.interpret(staff, "<", False)
    long_text = replies.interpret(mini_rules.question("comments"), "x" * 10_001, True)
    assert "10,000" in long_text


def test_instruction_names_the_keys_on_offer(mini_rules):
    staff = replies.typed_instruction(mini_rules.question("staff"), can_back=False)
    assert "from 1 to 100,000" in staff and "? why we ask" in staff
    assert "< back" not in staff and "dk" not in staff
    text = replies.typed_instruction(mini_rules.question("comments"), can_back=True)
    assert "Enter to skip" in text and "< back" in text and "dk don't know" in text
