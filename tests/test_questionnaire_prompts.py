"""The questionary prompts, fed real keys through a pipe (no terminal), and typed replies."""

from __future__ import annotations

import io
import re

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from spinout.answers.numbers import parse_number
from spinout.questionnaire import replies
from spinout.questionnaire.layout import fold
from spinout.questionnaire.prompts import (
    Prompter,
    ReviewChoice,
    option_items,
    scale_note,
    uses_typing,
)
from spinout.questionnaire.replies import BACK, DONT_KNOW_REPLY, GLOSSARY, WHY, Reply
from spinout.record import replace
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


def again(prompter, q, key_runs):
    """Ask ``q`` once for each run of keys, with the same prompter."""
    replies_seen = []
    for keys in key_runs:
        with create_pipe_input() as pipe:
            pipe.send_text(keys)
            pipe.close()
            prompter._io["input"] = pipe
            replies_seen.append(prompter.question(q, None, True))
    return replies_seen


def screen_of(q, keys, columns=80, raw=False):
    """What asking ``q`` drew on a terminal ``columns`` wide (escapes removed unless raw)."""
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(24, columns), term="xterm")
    run(keys, lambda p: p.question(q, None, True), output)
    shown = screen.getvalue()
    return shown if raw else re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)


# --- select lists ------------------------------------------------------------------------------


def test_select_picks_the_option_under_the_pointer(mini_rules):
    assert ask(mini_rules, "has_plan", ENTER) == Reply("answer", "none")
    assert ask(mini_rules, "has_plan", DOWN + ENTER) == Reply("answer", "draft")


def test_a_number_picks_an_option(mini_rules):
    assert ask(mini_rules, "has_plan", "2" + ENTER) == Reply("answer", "draft")
    assert ask(mini_rules, "has_plan", "3" + ENTER) == Reply("answer", "agreed")
    assert ask(mini_rules, "plan_tested", "2" + ENTER) == Reply("answer", False)
    # a number that is no option is refused, and Enter then answers nothing
    assert ask(mini_rules, "has_plan", "7" + ENTER + "1" + ENTER) == Reply("answer", "none")


def test_select_starts_on_the_current_answer(mini_rules):
    assert ask(mini_rules, "has_plan", ENTER, current="agreed") == Reply("answer", "agreed")
    assert ask(mini_rules, "has_plan", ENTER, current=DONT_KNOW) == DONT_KNOW_REPLY


def test_select_special_lines_follow_the_options(mini_rules):
    assert ask(mini_rules, "has_plan", DOWN * 3 + ENTER) == DONT_KNOW_REPLY
    assert ask(mini_rules, "has_plan", DOWN * 4 + ENTER) == WHY
    assert ask(mini_rules, "has_plan", DOWN * 5 + ENTER) == BACK
    assert ask(mini_rules, "has_plan", DOWN * 6 + ENTER) == GLOSSARY


@pytest.mark.parametrize(("keys", "reply"), [
    ("d", DONT_KNOW_REPLY), ("dk", DONT_KNOW_REPLY), ("DK", DONT_KNOW_REPLY), ("?", WHY),
    ("<", BACK), ("g", GLOSSARY)])
def test_the_same_keys_on_every_list(mini_rules, keys, reply):
    for qid in ("has_plan", "plan_tested", "managers", "helpers"):
        assert ask(mini_rules, qid, keys + ENTER) == reply, qid


def test_the_list_does_not_wrap_round(mini_rules):
    assert ask(mini_rules, "has_plan", UP + ENTER, can_back=True) == Reply("answer", "none")
    assert ask(mini_rules, "has_plan", DOWN * 9 + ENTER) == GLOSSARY


def test_refused_and_unknown_keys_never_answer(mini_rules):
    # "<" on the first question and "dk" where "don't know" is not allowed are refused: the
    # Enter after them answers nothing, and the list waits for a real choice
    assert ask(mini_rules, "has_plan", "<" + ENTER + "2" + ENTER, can_back=False) == Reply(
        "answer", "draft")
    strict = replace(mini_rules.question("has_plan"), dont_know=False)
    assert ask(mini_rules, "", "dk" + ENTER + "3" + ENTER, question=strict) == Reply(
        "answer", "agreed")
    assert ask(mini_rules, "has_plan", "x" + ENTER + DOWN + ENTER) == Reply("answer", "draft")
    assert ask(mini_rules, "has_plan", "k" + ENTER + ENTER) == Reply("answer", "none")


def test_dont_know_is_left_out_when_the_rules_forbid_it(mini_rules):
    strict = replace(mini_rules.question("has_plan"), dont_know=False)
    assert ask(mini_rules, "", DOWN * 3 + ENTER, question=strict) == WHY


def test_yes_no_and_small_scales_are_select_lists(mini_rules):
    assert ask(mini_rules, "plan_tested", ENTER) == Reply("answer", True)
    assert ask(mini_rules, "plan_tested", DOWN + ENTER) == Reply("answer", False)
    managers = mini_rules.question("managers")
    assert not uses_typing(managers)
    assert ask(mini_rules, "managers", DOWN * 3 + ENTER) == Reply("answer", 4)
    assert ask(mini_rules, "managers", ENTER, current=2) == Reply("answer", 2)


def test_a_scale_takes_its_value_typed(mini_rules):
    assert ask(mini_rules, "managers", "4" + ENTER) == Reply("answer", 4)
    zero_to_ten = replace(mini_rules.question("managers"), min=0, max=10)
    assert ask(mini_rules, "", "7" + ENTER, question=zero_to_ten) == Reply("answer", 7)
    assert ask(mini_rules, "", "10" + ENTER, question=zero_to_ten) == Reply("answer", 10)
    assert ask(mini_rules, "", "1" + ENTER, question=zero_to_ten) == Reply("answer", 1)
    assert ask(mini_rules, "", "0" + ENTER, question=zero_to_ten) == Reply("answer", 0)


def test_a_scale_shows_what_its_ends_mean(mini_rules):
    labelled = replace(mini_rules.question("managers"), low_label="Not at all",
                       high_label="Fully")
    items = option_items(labelled)
    assert [i.key for i in items] == ["1", "2", "3", "4", "5"]
    assert [i.title for i in items] == ["Not at all", "", "", "", "Fully"]
    assert [i.chosen for i in items] == ["1 (Not at all)", "2", "3", "4", "5 (Fully)"]
    shown = screen_of(labelled, "5" + ENTER, columns=60)
    assert "1  Not at all" in shown and "5  Fully" in shown
    typed = replace(labelled, max=100)
    assert scale_note(typed) == "1 means not at all; 100 means fully"


def test_yes_no_without_options_offers_yes_and_no(mini_rules):
    bare = replace(mini_rules.question("plan_tested"), options=())
    assert ask(mini_rules, "", DOWN + ENTER, question=bare) == Reply("answer", False)


def test_wide_scales_are_typed(mini_rules):
    wide = replace(mini_rules.question("managers"), max=100)
    assert uses_typing(wide)
    assert ask(mini_rules, "", "70" + ENTER, question=wide) == Reply("answer", 70)


def test_after_why_the_pointer_and_ticks_are_where_they_were(mini_rules):
    prompter = Prompter(output=DummyOutput())
    assert again(prompter, mini_rules.question("has_plan"), [DOWN * 2 + "?" + ENTER, ENTER]) == [
        WHY, Reply("answer", "agreed")]
    helpers = mini_rules.question("helpers")
    assert again(prompter, helpers, ["2g" + ENTER, ENTER]) == [GLOSSARY,
                                                             Reply("answer", ["finance"])]
    # another question does not inherit them
    assert again(prompter, mini_rules.question("has_plan"), [DOWN + "?" + ENTER]) == [WHY]
    assert again(prompter, mini_rules.question("plan_tested"), [ENTER]) == [
        Reply("answer", True)]


# --- checkbox ----------------------------------------------------------------------------------


def test_checkbox_ticks_several_options(mini_rules):
    assert ask(mini_rules, "helpers", SPACE + DOWN + SPACE + ENTER) == Reply(
        "answer", ["legal", "finance"])
    assert ask(mini_rules, "helpers", ENTER) == Reply("answer", [])
    assert ask(mini_rules, "helpers", "21" + ENTER) == Reply("answer", ["legal", "finance"])
    assert ask(mini_rules, "helpers", "211" + ENTER) == Reply("answer", ["finance"])


def test_checkbox_starts_with_the_current_answer_ticked(mini_rules):
    assert ask(mini_rules, "helpers", ENTER, current=["finance"]) == Reply("answer", ["finance"])
    assert ask(mini_rules, "helpers", ENTER, current=DONT_KNOW) == DONT_KNOW_REPLY


def test_checkbox_special_lines_act_on_enter(mini_rules):
    assert ask(mini_rules, "helpers", DOWN * 2 + ENTER) == DONT_KNOW_REPLY
    assert ask(mini_rules, "helpers", SPACE + DOWN * 3 + SPACE + ENTER) == WHY
    assert ask(mini_rules, "helpers", DOWN * 4 + ENTER) == BACK


# --- typed prompts -----------------------------------------------------------------------------


def test_number_is_typed_and_validated(mini_rules):
    assert ask(mini_rules, "staff", "12" + ENTER) == Reply("answer", 12)
    retyped = "abc" + ENTER + BACKSPACE * 3 + "0" + ENTER + BACKSPACE + "1,200" + ENTER
    assert ask(mini_rules, "staff", retyped) == Reply("answer", 1200)


def test_number_keys_for_why_back_dont_know_and_glossary(mini_rules):
    assert ask(mini_rules, "staff", "?" + ENTER) == WHY
    assert ask(mini_rules, "staff", "<" + ENTER) == BACK
    assert ask(mini_rules, "staff", "g" + ENTER) == GLOSSARY
    assert ask(mini_rules, "staff", "?" + ENTER, current=40) == WHY  # "40?" is the key
    wide = replace(mini_rules.question("managers"), max=100)
    assert ask(mini_rules, "", "dk" + ENTER, question=wide) == DONT_KNOW_REPLY
    assert ask(mini_rules, "", "d" + ENTER, question=wide) == DONT_KNOW_REPLY
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
    assert run("2" + ENTER, lambda p: p.role(mini_rules.roles, None)) == "senior"


def test_review_prompt(mini_rules):
    numbers = range(0, 7)
    assert run(ENTER, lambda p: p.review(numbers, False)) == ReviewChoice("finish")
    assert run(ENTER, lambda p: p.review(numbers, True)) == ReviewChoice("next")
    assert run("f" + ENTER, lambda p: p.review(numbers, True)) == ReviewChoice("finish")
    assert run("l" + ENTER, lambda p: p.review(numbers, False)) == ReviewChoice("list")
    assert run("2" + ENTER, lambda p: p.review(numbers, False)) == ReviewChoice("change", 2)
    assert run("0" + ENTER, lambda p: p.review(numbers, False)) == ReviewChoice("change", 0)
    assert run("9" + ENTER + BACKSPACE + "6" + ENTER,
               lambda p: p.review(numbers, False)) == ReviewChoice("change", 6)


def test_more_prompt():
    assert run(ENTER, lambda p: p.more()) is True
    assert run("q" + ENTER, lambda p: p.more()) is False


# --- what reaches the terminal -----------------------------------------------------------------


def test_escapes_in_rule_text_never_reach_the_terminal(mini_rules):
    q = mini_rules.question("has_plan")
    options = list(q.options)
    options[0] = replace(options[0], label="Evil \x1b]0;pwned\x07 [bold]x[/bold]")
    evil = replace(q, options=tuple(options), text="Plan \x1b[31mred?")
    shown = screen_of(evil, ENTER, raw=True)
    assert "Evil  [bold]x[/bold]" not in shown  # whitespace folded
    assert "Evil [bold]x[/bold]" in shown  # markup shown literally
    assert "Plan red?" in shown
    assert "\x1b]0;" not in shown and "\x1b[31mred" not in shown


def test_long_typed_question_text_is_folded_to_the_width_not_cut(mini_rules):
    words = "counting everyone who might move to the new organisation once it is set up"
    long_q = replace(mini_rules.question("staff"), text=f"How many staff, {words}?")
    shown = screen_of(long_q, "12" + ENTER, columns=40)
    assert "set up?" in shown and "organisation" in shown
    folded = fold(f"How many staff, {words}?", 60, "12 ")
    assert all(len(line) <= 60 for line in folded)
    assert " ".join(" ".join(folded).split()) == f"12 How many staff, {words}?"


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
    assert "< back" not in staff and "don't know" not in staff and "g glossary" in staff
    text = replies.typed_instruction(mini_rules.question("comments"), can_back=True)
    assert "Enter to skip" in text and "< back" in text and "d don't know" in text
