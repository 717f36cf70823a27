"""`spinout assess` end to end: the real program in a pseudo-terminal, driven by keystrokes."""

from __future__ import annotations

import io
import re
import shutil

import pytest
import yaml
from pty_helpers import (
    BACKSPACE,
    CTRL_C,
    DOWN,
    ENTER,
    FULL_ANSWERS,
    FULL_RUN,
    MINI,
    QUESTIONS,
    ask,
    expect,
    expect_words,
    finish,
    run_plain,
    screen_text,
    spawn,
)


def answers_in(path):
    return yaml.safe_load(path.read_text())


def record(child):
    child.logfile_read = io.StringIO()
    return child


def test_full_run_to_the_report(tmp_path):
    child = record(spawn(tmp_path))
    for step, keys in FULL_RUN:
        ask(child, step, keys)
    ask(child, "review", ENTER)
    expect(child, "Your readiness summary")
    expect(child, "Report written to spinout-report.html")
    assert finish(child) == 0
    data = answers_in(tmp_path / "spinout-answers.yaml")
    assert data["answers"] == FULL_ANSWERS
    assert data["respondent"] == {"role": "frontline"}
    report = (tmp_path / "spinout-report.html").read_text()
    assert report.startswith("<!DOCTYPE html>")
    shown = screen_text(child.logfile_read.getvalue())
    assert "Planning · question 1 · about 2 minutes left" in shown
    assert "People · question 3 · about 2 minutes left" in shown
    assert "Fine [bold]x[/bold]" in shown  # answer text shown literally in the review
    assert not (tmp_path / "spinout-answers.yaml.lock").exists()


def test_ctrl_c_then_resume_keeps_earlier_answers(tmp_path):
    child = spawn(tmp_path, "--answers", "team.yaml", "--out", "team.md")
    for step, keys in FULL_RUN[:3]:
        ask(child, step, keys)
    ask(child, "staff", "3" + CTRL_C)
    expect(child, "Your answers so far are saved in team.yaml.")
    expect(child, "To carry on where you left off, run:")
    expect(child, "spinout assess --answers team.yaml --rules")
    assert finish(child) == 130
    saved = answers_in(tmp_path / "team.yaml")["answers"]
    assert saved == {"has_plan": "draft", "plan_tested": True}

    child = spawn(tmp_path, "--answers", "team.yaml", "--out", "team.md")
    expect_words(child, "Carrying on from team.yaml: 2 answers already given")
    expect(child, "People · question 3 ·")
    for step, keys in FULL_RUN[3:]:
        ask(child, step, keys)
    ask(child, "review", ENTER)
    expect(child, "Report written to team.md")
    assert finish(child) == 0
    assert answers_in(tmp_path / "team.yaml")["answers"] == FULL_ANSWERS


def test_back_returns_to_the_previous_question(tmp_path):
    child = spawn(tmp_path)
    for step, keys in FULL_RUN[:3]:
        ask(child, step, keys)
    ask(child, "staff", "<" + ENTER)
    ask(child, "plan_tested", DOWN + ENTER)  # now "No"
    ask(child, "staff", CTRL_C)
    assert finish(child) == 130
    assert answers_in(tmp_path / "spinout-answers.yaml")["answers"]["plan_tested"] is False


def test_back_from_a_select_list(tmp_path):
    child = spawn(tmp_path)
    for step, keys in FULL_RUN[:2]:
        ask(child, step, keys)
    ask(child, "plan_tested", DOWN * 4 + ENTER)  # Yes, No, (gap), Don't know, Why, ← Back
    ask(child, "has_plan", DOWN + ENTER)  # starts on "A draft": now "Yes, agreed"
    ask(child, "plan_tested", CTRL_C)
    assert finish(child) == 130
    assert answers_in(tmp_path / "spinout-answers.yaml")["answers"] == {"has_plan": "agreed"}


def test_dont_know(tmp_path):
    child = spawn(tmp_path)
    ask(child, "role", ENTER)
    ask(child, "has_plan", DOWN * 3 + ENTER)  # No, A draft, Yes agreed, gap, Don't know
    ask(child, "staff", "dk" + ENTER)  # staff may not be "don't know"
    expect(child, "this question needs an answer")
    child.send(BACKSPACE * 2 + "7" + ENTER)
    ask(child, "managers", CTRL_C)
    assert finish(child) == 130
    saved = answers_in(tmp_path / "spinout-answers.yaml")["answers"]
    assert saved == {"has_plan": "dont_know", "staff": 7}


def test_why_are_we_asking_shows_the_quote_then_asks_again(tmp_path):
    child = spawn(tmp_path)
    ask(child, "role", ENTER)
    ask(child, "has_plan", "?" + ENTER)
    expect(child, "Why are we asking?")
    expect(child, "Business planning is one of the five key issues.")
    expect(child, "five key issues that the taskforce must help mutuals tackle")
    expect_words(child, "— Julian Le Grand tag archive")
    ask(child, "has_plan", ENTER)
    ask(child, "staff", "?" + ENTER)
    expect(child, "Used to judge participation.")
    ask(child, "staff", CTRL_C)
    assert finish(child) == 130


def test_review_screen_changes_an_answer(tmp_path):
    child = record(spawn(tmp_path))
    for step, keys in FULL_RUN:
        ask(child, step, keys)
    expect(child, "Review your answers")
    ask(child, "review", "1" + ENTER)  # 0 is the role, 1 the business plan
    ask(child, "has_plan", DOWN + ENTER)  # starts on "A draft": now "Yes, agreed"
    expect_words(child, "1 Do you have a business plan?: A draft → Yes, agreed")
    ask(child, "review", ENTER)
    expect(child, "Report written to")
    assert finish(child) == 0
    assert answers_in(tmp_path / "spinout-answers.yaml")["answers"]["has_plan"] == "agreed"


def write_answers(path, answers, role="frontline"):
    path.write_text(yaml.safe_dump({"format": 1, "rules": {"name": "mini", "version": "0.1",
                                                           "digest": "sha256:x"},
                                    "respondent": {"role": role}, "answers": answers}))


def test_no_input_with_complete_answers_writes_the_report(tmp_path):
    write_answers(tmp_path / "a.yaml", FULL_ANSWERS)
    child = spawn(tmp_path, "--answers", "a.yaml", "--out", "r.html", "--no-input")
    expect(child, "Report written to r.html")
    assert finish(child) == 0
    assert "<html" in (tmp_path / "r.html").read_text().lower()


def test_no_input_with_missing_answers_lists_them(tmp_path):
    partial = {"has_plan": "draft", "staff": 4}
    write_answers(tmp_path / "a.yaml", partial)
    before = (tmp_path / "a.yaml").read_bytes()
    child = record(spawn(tmp_path, "--answers", "a.yaml", "--no-input"))
    assert finish(child) == 1
    shown = screen_text(child.logfile_read.getvalue())
    assert "unanswered: plan_tested managers helpers" in shown
    assert "`plan_tested` is not answered" in shown
    assert not (tmp_path / "spinout-report.html").exists()
    assert (tmp_path / "a.yaml").read_bytes() == before


def test_without_a_terminal_nothing_is_asked(tmp_path):
    incomplete = run_plain(tmp_path)
    assert incomplete.returncode == 1
    assert "no terminal to ask questions in" in incomplete.stderr
    assert "no answers file here" in incomplete.stderr
    write_answers(tmp_path / "spinout-answers.yaml", {"has_plan": "none"})
    incomplete = run_plain(tmp_path)
    assert incomplete.returncode == 1
    assert "unanswered: staff managers helpers" in incomplete.stderr
    write_answers(tmp_path / "spinout-answers.yaml", FULL_ANSWERS)
    complete = run_plain(tmp_path)
    assert complete.returncode == 0, complete.stderr
    assert (tmp_path / "spinout-report.html").is_file()


def test_a_second_run_on_the_same_answers_file_is_refused(tmp_path):
    first = spawn(tmp_path)
    ask(first, "role", ENTER)
    ask(first, "has_plan", ENTER)
    expect(first, QUESTION_STAFF)
    second = run_plain(tmp_path)
    assert second.returncode == 1
    assert "spinout-answers.yaml: this answers file is in use by another `spinout assess`" in (
        second.stderr)
    first.send(CTRL_C)
    assert finish(first) == 130
    assert answers_in(tmp_path / "spinout-answers.yaml")["answers"] == {"has_plan": "none"}
    after = run_plain(tmp_path)  # the lock went with the first run
    assert "in use" not in after.stderr


QUESTION_STAFF = "How many staff work in the service?"


def test_closing_the_terminal_keeps_the_answers_given(tmp_path):
    child = spawn(tmp_path)
    ask(child, "role", DOWN + ENTER)
    ask(child, "has_plan", DOWN * 2 + ENTER)
    ask(child, "plan_tested", ENTER)
    expect(child, QUESTION_STAFF)
    child.close(force=True)  # hang up, as when the terminal window is closed
    data = answers_in(tmp_path / "spinout-answers.yaml")
    assert data["answers"] == {"has_plan": "agreed", "plan_tested": True}
    assert data["respondent"] == {"role": "senior"}
    again = run_plain(tmp_path)
    assert "in use" not in again.stderr
    assert "unanswered: staff managers helpers" in again.stderr


def test_edited_rule_set_asks_only_new_and_changed_questions(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(MINI, rules)
    child = spawn(tmp_path, rules=rules)
    for step, keys in FULL_RUN:
        ask(child, step, keys)
    ask(child, "review", ENTER)
    assert finish(child) == 0

    model = rules / "model.yaml"
    model.write_text(model.read_text().replace(
        "How many staff work in the service?", "How many people work in the service?").replace(
        "barriers:\n", "  - id: trained\n    section: people\n    text: Has anyone had business "
        "training?\n    help: Skills matter.\n    type: yes_no\n    context: true\n"
        "    editorial: true\nbarriers:\n",
        1))
    child = record(spawn(tmp_path, rules=rules))
    expect_words(child, "only the 1 new question and 1 changed question will be asked")
    expect(child, "People · question 3 ·")
    expect(child, "How many people work in the service?")
    child.send(BACKSPACE * 2 + "30" + ENTER)
    expect(child, "Has anyone had business training?")
    child.send(ENTER)
    ask(child, "review", ENTER)
    assert finish(child) == 0
    shown = screen_text(child.logfile_read.getvalue())
    for step in ("has_plan", "plan_tested", "managers", "helpers", "comments"):
        assert re.search(r"(?m)^\d+ " + re.escape(QUESTIONS[step]), shown) is None, step
    data = answers_in(tmp_path / "spinout-answers.yaml")
    assert data["answers"] == {**FULL_ANSWERS, "staff": 30, "trained": True}


@pytest.mark.parametrize("columns", [60, 80])
def test_no_color_and_narrow_terminals(tmp_path, columns):
    child = record(spawn(tmp_path, no_color=True, columns=columns))
    for step, keys in FULL_RUN:
        ask(child, step, keys)
    ask(child, "review", ENTER)
    expect(child, "Report written to")
    assert finish(child) == 0
    raw = child.logfile_read.getvalue()
    colours = [p for params in re.findall(r"\x1b\[([0-9;]*)m", raw)
               for p in params.split(";") if p.isdigit() and (30 <= int(p) <= 49
                                                                or 90 <= int(p) <= 107)]
    assert colours == []
    summary = screen_text(raw[raw.index("Your readiness summary"):])
    assert max(len(line) for line in summary.splitlines()) <= columns
