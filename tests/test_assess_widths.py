"""`spinout assess` at 60, 80 and 100 columns, in a pseudo-terminal: option labels whole, the
same keys on every kind of question, the welcome, the glossary, progress and review numbers."""

from __future__ import annotations

import io
import re
import shutil

import pytest
import yaml
from pty_helpers import (
    BACKSPACE,
    CTRL_C,
    ENTER,
    MINI,
    QUESTIONS,
    ask,
    expect,
    expect_words,
    finish,
    screen_text,
    spawn,
    words_pattern,
)

from spinout.questionnaire.flow import REVIEW, Flow
from spinout.record import replace
from spinout.ruleset.loader import bundled_location, load_ruleset

WIDTHS = [60, 80, 100]
GLOSSARY = """glossary:
  - id: business_plan
    term: business plan
    definition: A written plan for the new body. It says what it will cost.
  - id: manager
    term: manager
    also: [managers]
    definition: Someone who runs a team.
"""


def mini_with_extras(tmp_path):
    """The small test rule set, plus a glossary, the sources' years and a review date."""
    rules = tmp_path / "rules"
    shutil.copytree(MINI, rules)
    (rules / "glossary.yaml").write_text(GLOSSARY)
    header = rules / "ruleset.yaml"
    header.write_text(header.read_text().replace(
        "  min_group_size: 3\n",
        "  min_group_size: 3\n  sources_period: \"2010–2012\"\n  reviewed: 2026-11-30\n"))
    return rules


def record(child):
    child.logfile_read = io.StringIO()
    return child


@pytest.mark.parametrize("columns", WIDTHS)
def test_the_same_keys_on_every_kind_of_question(tmp_path, columns):
    child = record(spawn(tmp_path, rules=mini_with_extras(tmp_path), columns=columns))
    expect_words(child, "These questions help your team see how ready you are")
    expect_words(child, "It takes about 2 minutes.")
    expect_words(child, "saved as you go in spinout-answers.yaml")
    expect_words(child, "news and commentary from 2010–2012; it was last reviewed on "
                        "30 November 2026")
    expect_words(child, "To stop, press Ctrl-C")
    ask(child, "role", "2" + ENTER)                          # a number picks
    expect_words(child, "Planning · question 1 · about 2 minutes left")
    expect(child, QUESTIONS["has_plan"])
    expect_words(child, "“business plan”: A written plan for the new body.")  # first use
    child.send("g" + ENTER)                                  # the glossary
    expect_words(child, "business plan: A written plan for the new body. It says what it "
                        "will cost.")
    expect_words(child, "manager: Someone who runs a team.")
    ask(child, "has_plan", "2?" + ENTER)                     # why, from option 2
    expect(child, "Business planning is one of the five key issues.")
    ask(child, "has_plan", ENTER)                            # still on option 2: "A draft"
    ask(child, "plan_tested", "dk" + ENTER)                  # yes/no: don't know
    ask(child, "staff", "<" + ENTER)                         # number: back
    ask(child, "plan_tested", "2" + ENTER)                   # now "No"
    ask(child, "staff", "d" + ENTER)                         # not allowed here
    expect(child, "this question needs an answer")
    child.send(BACKSPACE + "abc" + ENTER)
    expect(child, "is not a number")
    child.send(BACKSPACE * 3 + "12" + ENTER)
    expect_words(child, "People · question 4 ·")
    expect(child, QUESTIONS["managers"])
    expect_words(child, "“manager”: Someone who runs a team.")
    child.send("?" + ENTER)                                  # scale: why
    expect(child, "Managers can be the biggest barrier.")
    ask(child, "managers", "4" + ENTER)                      # scale: its value typed
    ask(child, "helpers", "21" + ENTER)                      # multi: numbers tick
    ask(child, "comments", "<" + ENTER)                      # text: back
    ask(child, "helpers", "d" + ENTER)                       # multi: don't know
    ask(child, "comments", "g" + ENTER)                      # text: glossary
    expect_words(child, "manager: Someone who runs a team.")
    ask(child, "comments", "All fine" + ENTER)
    expect(child, "Review your answers")
    expect_words(child, "1 Do you have a business plan? A draft")  # numbered as when asked
    expect_words(child, "6 Anything else? All fine")
    ask(child, "review", "4" + ENTER)
    ask(child, "managers", "2" + ENTER)
    expect_words(child, "4 How much do your managers back the idea, from 1 to 5?: 4 → 2")
    ask(child, "review", ENTER)
    expect(child, "Report written to")
    assert finish(child) == 0
    answers = yaml.safe_load((tmp_path / "spinout-answers.yaml").read_text())["answers"]
    assert answers == {"has_plan": "draft", "plan_tested": False, "staff": 12, "managers": 2,
                       "helpers": "dont_know", "comments": "All fine"}
    shown = screen_text(child.logfile_read.getvalue())
    # each question keeps its number, going back and forth and from the review; the header
    # is not repeated after "why" or the glossary
    assert [int(n) for n in re.findall(r"question (\d+) ·", shown)] == [1, 2, 3, 2, 3, 4, 5, 6,
                                                                        5, 6, 4]
    assert shown.count("Review your answers") == 1  # after the change, only the change


def long_labels(rs, count):
    """The questions whose options have the longest labels, and the 0–10 scale."""
    def longest(q):
        return max((len(o.label) for o in q.options), default=0)
    picked = sorted(rs.questions, key=longest, reverse=True)[:count]
    return [q.id for q in picked] + [q.id for q in rs.questions if q.kind.end_labels(q)
                                     and not q.options]


def answers_but(rs, ask_again):
    """A whole set of answers (the first option, or a middling number), less some."""
    flow = Flow.start(rs, {}, rs.roles[0].id)
    while flow.step != REVIEW:
        q = flow.question
        choices = q.kind.prompt_choices(q)
        value = ([choices[-1][0]] if q.kind.prompt(q) == "checkbox" else choices[-1][0]
                 if choices else "" if q.is_comment else 5)
        flow = flow.answer(value)
    return {k: v for k, v in flow.answers.items() if k not in ask_again}


@pytest.mark.parametrize("columns", WIDTHS)
def test_every_option_label_appears_whole(tmp_path, columns):
    from spinout.answers import store
    from spinout.answers.model import new_answers

    rs = load_ruleset(None, check_citations=False)
    again = long_labels(rs, 6)
    given = answers_but(rs, again)
    fresh = new_answers(rs, role=rs.roles[0].id)
    store.save(tmp_path / "a.yaml", replace(fresh, answers=given))
    child = spawn(tmp_path, "--answers", "a.yaml", rules=bundled_location().rules,
                  columns=columns)
    asked = [q for q in rs.questions_in_order() if q.id in again
             and q.id in {v.id for v in Flow.start(rs, given, "x").visible()}]
    assert len(asked) >= 4
    for q in asked:
        expect_words(child, q.text)
        for option in q.options:
            child.expect(words_pattern(option.label), timeout=20)
            assert "…" not in option.label
        if not q.options:
            expect_words(child, f"0 {q.low_label}")
            expect_words(child, f"10 {q.high_label}")
        child.send("1" + ENTER)
    expect(child, QUESTIONS["review"])
    child.send(CTRL_C)
    assert finish(child) == 130
