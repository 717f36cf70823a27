"""Cross-reference checks: which condition tests fit which question types, question order and
loops, and did-you-mean suggestions. Whole broken rule sets are in test_loader_broken.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rule_items import validated

from spinout.errors import RulesError
from spinout.ruleset.checks import condition_type_error, did_you_mean
from spinout.ruleset.conditions import AnswerCondition
from spinout.ruleset.loader import load_ruleset
from spinout.ruleset.model import Question
from spinout.ruleset.schema import conditions, questions

MINI = Path(__file__).resolve().parent / "fixtures" / "mini" / "rules"


def q(**fields: object) -> Question:
    base: dict[str, object] = {"id": "q", "section": "s", "text": "Q?", "help": "H.",
                               "editorial": True}
    return validated(questions.Question, {**base, **fields})


def cond(**test: object) -> AnswerCondition:
    return validated(conditions.AnswerCondition, {"answer": "q", **test})


YES_NO = q(type="yes_no")
SINGLE = q(type="single", options=[{"value": "a", "label": "A"}, {"value": "b", "label": "B"}])
MULTI = q(type="multi", options=[{"value": "a", "label": "A"}, {"value": "b", "label": "B"}])
SCALE = q(type="scale", min=1, max=5)
INT_SCALE = q(type="scale", options=[{"value": 1, "label": "Low"}, {"value": 3, "label": "Hi"}])
NUMBER = q(type="number", min=0, max=100)
TEXT = q(type="text")


@pytest.mark.parametrize(("question", "test"), [
    (YES_NO, {"is": True}),  # yes/no questions need no options to be tested
    (YES_NO, {"in": [True, False]}),
    (SINGLE, {"in": ["a", "b"]}),
    (MULTI, {"includes": "b"}),
    (SCALE, {"in": [4, 5]}),
    (SCALE, {"at_least": 5}),
    (INT_SCALE, {"is": 3}),
    (INT_SCALE, {"at_most": 1}),
    (NUMBER, {"at_most": 0}),
    (NUMBER, {"is": 10}),
    (TEXT, {"answered": True}),
])
def test_fitting_tests_pass(question: Question, test: dict) -> None:
    assert condition_type_error(question, cond(**test)) is None


@pytest.mark.parametrize(("question", "test", "message"), [
    (YES_NO, {"is": "yes"}, "`yes` is not an option of `q`"),
    (YES_NO, {"at_least": 1}, "`at_least` needs a number or numeric scale, and `q` is yes_no"),
    (SINGLE, {"is": "c"}, "`c` is not an option of `q`"),
    (SINGLE, {"includes": "a"}, "`includes` is for multi questions, and `q` is single"),
    (SINGLE, {"at_most": 2}, "`at_most` needs a number or numeric scale, and `q` is single"),
    (MULTI, {"is": "a"}, "`is` cannot test a multi question (`q`)"),
    (MULTI, {"includes": "c"}, "`c` is not an option of `q`"),
    (SCALE, {"at_least": 6}, "`at_least: 6` can never hold: `q` runs from 1 to 5"),
    (SCALE, {"is": "high"}, "`high` is not a number, and `q` is scale"),
    (SCALE, {"in": [0, 1]}, "`0` is outside the range of `q` (1 to 5)"),
    (SCALE, {"in": []}, "`in` needs at least one value"),
    (INT_SCALE, {"is": "3"}, "`3` is not an option of `q`"),
    (INT_SCALE, {"at_most": 0}, "`at_most: 0` can never hold: `q` runs from 1 to 3"),
    (NUMBER, {"is": True}, "`true` is not a number, and `q` is number"),
    (TEXT, {"is": "hello"}, "`q` is a text question; `is` cannot test its words"),
    (TEXT, {"at_least": 1}, "`at_least` needs a number or numeric scale, and `q` is text"),
])
def test_tests_that_do_not_fit_the_type_are_explained(question: Question, test: dict,
                                                      message: str) -> None:
    found = condition_type_error(question, cond(**test))
    assert found is not None and found[0] == message and found[1]


def test_did_you_mean_suggests_the_closest_or_lists_choices() -> None:
    assert did_you_mean("has_pln", ["has_plan", "helpers"]) == "did you mean `has_plan`?"
    assert did_you_mean("zzz", ["a", "b"]) == "use one of `a`, `b`"
    many = [f"item_{i}" for i in range(10)]
    assert did_you_mean("zzz", many).endswith("`item_7` …")


def _chain(folder: Path, count: int, loop: bool) -> Path:
    """The mini rules plus ``count`` yes/no questions, each asked only if the one before was
    answered yes (and, with ``loop``, the first depending on the last)."""
    rules = folder / "rules"
    shutil.copytree(MINI, rules)
    lines = ["questions:"]
    for i in range(count):
        lines += [f"  - id: c{i}", "    section: people", "    text: Chained?",
                  "    help: To test the checks.", "    type: yes_no", "    editorial: true",
                  "    context: true"]
        if i or loop:
            lines.append(f"    when: {{answer: c{(i - 1) % count}, is: true}}")
    (rules / "chain.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rules


def test_a_long_chain_of_conditions_is_checked_without_recursion(tmp_path: Path) -> None:
    rs = load_ruleset(_chain(tmp_path, 1500, loop=False))
    assert len(rs.questions) == 1506


def test_a_long_loop_is_reported_once_with_its_path(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RulesError) as caught:
        load_ruleset(_chain(tmp_path, 1200, loop=True))
    messages = [p.message for p in caught.value.problems]
    loops = [m for m in messages if "loop" in m]
    assert len(loops) == 1
    assert loops[0] == ("question conditions form a loop (each depends on the next): "
                        "c0 → c1199 → c1198 → c1197 → … → c3 → c2 → c1 → c0 "
                        "(1200 questions)")
    assert messages.count("`c0` depends on `c1199`, which is asked later") == 1
    assert len(messages) == 2


def test_questions_in_an_earlier_section_cannot_read_later_sections(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Order follows the declared sections, not the order of the files or of the list."""
    monkeypatch.chdir(tmp_path)
    rules = tmp_path / "rules"
    shutil.copytree(MINI, rules)
    (rules / "a_first.yaml").write_text(
        "questions:\n  - id: early\n    section: people\n    text: Early?\n    help: H.\n"
        "    type: yes_no\n    editorial: true\n    context: true\n"
        "    when: {answer: has_plan, is: none}\n",
        encoding="utf-8")
    assert load_ruleset(rules).question("early").section == "people"
    text = (rules / "a_first.yaml").read_text(encoding="utf-8")
    (rules / "a_first.yaml").write_text(text.replace("people", "plan").replace(
        "has_plan, is: none", "helpers, includes: legal"), encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_ruleset(rules)
    assert [str(p) for p in caught.value.problems] == [
        "rules/a_first.yaml:9:11: `early` depends on `helpers`, which is asked later — move "
        "it after `helpers`, or test an earlier question"]
