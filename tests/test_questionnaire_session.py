"""The questionnaire session without a terminal: a scripted prompter stands in for the person."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import typer
import yaml
from rich.console import Console

from spinout.answers.model import fingerprint
from spinout.errors import AnswersError
from spinout.questionnaire.replies import BACK, WHY, Reply
from spinout.questionnaire.session import (
    Session,
    complete_answers,
    load_answers,
    run_assess,
)
from spinout.ruleset.loader import load_ruleset
from spinout.values import DONT_KNOW

MINI = Path(__file__).resolve().parent / "fixtures" / "mini" / "rules"
FULL_RUN = [("role", "frontline"), ("has_plan", "draft"), ("plan_tested", True),
            ("staff", 12), ("managers", 4), ("helpers", ["legal"]), ("comments", "ok"),
            ("review", None)]


class ScriptedPrompter:
    """Replies from a script of (prompt, reply) pairs; records what each prompt saw."""

    def __init__(self, script, path=None):
        self.script = list(script)
        self.path = path
        self.seen = []
        self.saved_before = []

    def _next(self, kind, current=None):
        if self.path is not None and self.path.exists():
            self.saved_before.append(yaml.safe_load(self.path.read_text())["answers"])
        self.seen.append((kind, current))
        expected, reply = self.script.pop(0)
        if reply is KeyboardInterrupt:
            raise KeyboardInterrupt
        assert expected == kind, f"asked {kind}, script expected {expected}"
        return reply

    def role(self, roles, current):
        return self._next("role", current)

    def review(self, count):
        return self._next("review", count)

    def question(self, q, current, can_back, mark="?"):
        reply = self._next(q.id, current)
        return reply if isinstance(reply, Reply) else Reply("answer", reply)


def screen():
    return Console(file=io.StringIO(), width=80, force_terminal=False)


def session(rs, path, script, rules_dir=None):
    prompter = ScriptedPrompter(script, path)
    con = screen()
    return Session(rs, path, rules_dir, prompter, con, load_answers(rs, path)), prompter, con


def flat(con):
    """What the console printed, with line wrapping undone."""
    return " ".join(con.file.getvalue().split())


def saved(path):
    return yaml.safe_load(Path(path).read_text())


def test_full_run_saves_every_answer_with_role_timestamps_and_fingerprints(mini_rules, tmp_path):
    path = tmp_path / "a.yaml"
    s, prompter, con = session(mini_rules, path, FULL_RUN)
    result = s.run()
    data = saved(path)
    assert data["respondent"] == {"role": "frontline"}
    assert data["answers"] == {"has_plan": "draft", "plan_tested": True, "staff": 12,
                               "managers": 4, "helpers": ["legal"], "comments": "ok"}
    assert result.answers == data["answers"]
    assert data["started"].endswith("+00:00") and data["updated"] >= data["started"]
    assert data["rules"]["digest"] == mini_rules.digest
    assert data["rules"]["questions"]["managers"] == fingerprint(mini_rules.question("managers"))
    out = flat(con)
    assert "Planning · question 1 of 5" in out and "People · question 3 of 6" in out
    assert "Review your answers" in out
    assert "6 Which kinds of help do you have? Legal advice" in out
    assert "7 Anything else? ok" in out


def test_each_answer_is_on_disk_before_the_next_prompt(mini_rules, tmp_path):
    path = tmp_path / "a.yaml"
    s, prompter, _ = session(mini_rules, path, FULL_RUN)
    s.run()
    counts = [len(answers) for answers in prompter.saved_before]
    assert counts == [0, 0, 1, 2, 3, 4, 5, 6]
    assert not list(tmp_path.glob(".a.yaml.*.tmp"))  # no temporary file left behind


def test_interrupt_keeps_answers_and_says_how_to_carry_on(mini_rules, tmp_path, capsys):
    path = tmp_path / "a.yaml"
    script = [("role", "senior"), ("has_plan", "agreed"), ("plan_tested", KeyboardInterrupt)]
    s, _, _ = session(mini_rules, path, script, rules_dir=Path("my rules"))
    with pytest.raises(typer.Exit) as stopped:
        s.run()
    assert stopped.value.exit_code == 130
    err = capsys.readouterr().err
    assert f"Your answers so far are saved in {path}." in err
    assert f"Run `spinout assess --answers {path} --rules 'my rules'` to carry on." in err
    assert saved(path)["answers"] == {"has_plan": "agreed"}
    resumed, prompter, con = session(mini_rules, path, [("plan_tested", False),
                                                        ("staff", 3), ("managers", 1),
                                                        ("helpers", []), ("comments", ""),
                                                        ("review", None)])
    resumed.run()
    assert f"Carrying on from {path}: 1 answer already given." in flat(con)
    assert saved(path)["answers"]["has_plan"] == "agreed"
    assert saved(path)["respondent"]["role"] == "senior"


def test_why_shows_help_and_quoted_passages_then_asks_again(mini_rules, tmp_path):
    path = tmp_path / "a.yaml"
    script = [("role", "frontline"), ("has_plan", WHY), ("has_plan", "none"), ("staff", WHY),
              ("staff", KeyboardInterrupt)]
    s, _, con = session(mini_rules, path, script)
    with pytest.raises(typer.Exit):
        s.run()
    out = flat(con)
    assert "Business planning is one of the five key issues." in out
    assert "“five key issues that the taskforce must help mutuals tackle”" in out
    assert "— Julian Le Grand tag archive (002_cb6408028f891994.txt, line" in out
    assert "the tool's own guidance" in out  # staff is editorial


def test_back_and_dont_know(mini_rules, tmp_path):
    path = tmp_path / "a.yaml"
    script = [("role", "frontline"), ("has_plan", "none"), ("staff", BACK),
              ("has_plan", Reply("answer", DONT_KNOW)), ("staff", 5), ("managers", 3),
              ("helpers", DONT_KNOW), ("comments", ""), ("review", None)]
    s, prompter, con = session(mini_rules, path, script)
    s.run()
    assert "Which kinds of help do you have? Don't know" in flat(con)
    assert "Anything else? (nothing added)" in flat(con)
    assert ("has_plan", "none") in prompter.seen  # Back shows the earlier answer
    assert saved(path)["answers"]["has_plan"] == DONT_KNOW
    assert saved(path)["answers"]["helpers"] == DONT_KNOW


def test_review_changes_an_answer_then_finishes(mini_rules, tmp_path):
    path = tmp_path / "a.yaml"
    script = [*FULL_RUN[:-1], ("review", 5), ("managers", 2), ("review", None)]
    s, prompter, con = session(mini_rules, path, script)
    s.run()
    assert ("managers", 4) in prompter.seen
    assert saved(path)["answers"]["managers"] == 2
    assert flat(con).count("Review your answers") == 2


def test_finishing_the_review_with_questions_left_asks_them(mini_rules, tmp_path):
    path = tmp_path / "a.yaml"
    script = [("role", "frontline"), ("has_plan", "none"), ("staff", 1), ("managers", 1),
              ("helpers", []), ("comments", ""), ("review", 2), ("has_plan", "draft"),
              ("plan_tested", BACK), ("review", None), ("plan_tested", True), ("review", None)]
    s, _, con = session(mini_rules, path, script)
    s.run()
    assert "1 question still need an answer." in flat(con)
    assert saved(path)["answers"]["plan_tested"] is True


def test_an_invalid_answers_file_is_refused_not_overwritten(mini_rules, tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("format: 1\nrules: {name: mini, version: '0.1', digest: x}\n"
                    "answers:\n  has_plan: maybe\n")
    before = path.read_bytes()
    with pytest.raises(AnswersError) as err:
        load_answers(mini_rules, path)
    assert f"{path}:4:" in str(err.value)
    assert path.read_bytes() == before


# --- an edited rule set ------------------------------------------------------------------------


def edited_rules(tmp_path, edit):
    folder = tmp_path / "rules"
    shutil.copytree(MINI, folder)
    model = folder / "model.yaml"
    model.write_text(edit(model.read_text()))
    return folder


NEW_QUESTION = """  - id: trained
    section: people
    text: Has anyone had training in running a business?
    help: Skills matter.
    type: yes_no
    context: true
    editorial: true
"""


def add_and_change(text):
    text = text.replace("How much do your managers back the idea, from 1 to 5?",
                        "How strongly do your managers support the idea, from 1 to 5?")
    return text.replace("barriers:\n", NEW_QUESTION + "barriers:\n", 1)


def finished_file(rs, path):
    s, _, _ = session(rs, path, FULL_RUN)
    s.run()


def test_edited_rules_ask_only_new_and_changed_questions(mini_rules, tmp_path):
    path = tmp_path / "a.yaml"
    finished_file(mini_rules, path)
    rs = load_ruleset(edited_rules(tmp_path, add_and_change))
    loaded = load_answers(rs, path)
    assert (loaded.resumption.added, loaded.resumption.changed) == (("trained",), ("managers",))
    s, prompter, con = session(rs, path, [("managers", 5), ("trained", True), ("review", None)])
    s.run()
    assert [k for k, _ in prompter.seen] == ["managers", "trained", "review"]
    assert ("managers", 4) in prompter.seen  # the earlier answer is offered
    out = flat(con)
    assert "only the 1 new question and 1 changed question will be asked" in out
    data = saved(path)
    assert data["rules"]["digest"] == rs.digest
    assert data["answers"]["managers"] == 5 and data["answers"]["trained"] is True


def test_stopping_before_all_changed_questions_are_answered_asks_the_rest_later(mini_rules,
                                                                                 tmp_path):
    path = tmp_path / "a.yaml"
    finished_file(mini_rules, path)
    rs = load_ruleset(edited_rules(tmp_path, add_and_change))
    s, _, _ = session(rs, path, [("managers", 5), ("trained", KeyboardInterrupt)])
    with pytest.raises(typer.Exit):
        s.run()
    assert saved(path)["rules"]["digest"] == mini_rules.digest  # still owed an answer
    again, prompter, _ = session(rs, path, [("trained", False), ("review", None)])
    again.run()
    assert [k for k, _ in prompter.seen] == ["trained", "review"]
    assert saved(path)["rules"]["digest"] == rs.digest


def test_invalid_answers_are_asked_again_and_retired_ones_kept(mini_rules, tmp_path):
    path = tmp_path / "a.yaml"
    finished_file(mini_rules, path)

    def edit(text):
        text = text.replace("      - value: draft\n        label: A draft\n"
                            "        scores: {planning: 50}\n", "")
        text = text.replace("when: {answer: has_plan, in: [draft, agreed]}",
                            "when: {answer: has_plan, is: agreed}")
        start = text.index("  - id: comments")
        return text[:start] + text[text.index("barriers:"):]

    rs = load_ruleset(edited_rules(tmp_path, edit))
    loaded = load_answers(rs, path)
    assert loaded.resumption.dropped == ("has_plan",)
    assert loaded.resumption.retired == ("comments",)
    assert loaded.resumption.changed == ("has_plan", "plan_tested")  # its condition changed
    s, prompter, con = session(rs, path, [("has_plan", "agreed"), ("plan_tested", True),
                                          ("review", None)])
    s.run()
    assert prompter.seen[:2] == [("has_plan", None), ("plan_tested", True)]
    text = flat(con)
    assert "the changed questions no longer accept will be asked again: has_plan." in text
    assert "retired are kept in your file but no longer scored: comments." in text
    data = saved(path)
    assert data["answers"]["has_plan"] == "agreed" and "comments" in data["answers"]
    assert data["rules"]["digest"] == rs.digest and "comments" in data["rules"]["questions"]
    again = load_answers(rs, path)
    assert again.answers.answers["comments"] == data["answers"]["comments"]


def test_unrecorded_rule_changes_are_mentioned(mini_rules, tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("format: 1\nrules: {name: mini, version: '0.1', digest: 'sha256:old'}\n"
                    "respondent: {role: frontline}\nanswers: {has_plan: none}\n")
    s, _, con = session(mini_rules, path, [("staff", KeyboardInterrupt)])
    with pytest.raises(typer.Exit):
        s.run()
    assert "does not record which questions changed" in flat(con)


# --- without prompting -------------------------------------------------------------------------


def write_answers(path, answers, role="frontline"):
    respondent = f"respondent: {{role: {role}}}\n" if role else ""
    path.write_text("format: 1\nrules: {name: mini, version: '0.1', digest: 'sha256:x'}\n"
                    + respondent + "answers:\n"
                    + "".join(f"  {k}: {yaml.safe_dump(v, default_flow_style=True).strip()}\n"
                              .replace("\n...", "") for k, v in answers.items()))


def test_complete_answers_need_every_visible_question_but_free_text(mini_rules, tmp_path):
    path = tmp_path / "a.yaml"
    write_answers(path, {"has_plan": "none", "staff": 4, "managers": 2, "helpers": []})
    assert complete_answers(mini_rules, path).answers["staff"] == 4


def test_incomplete_answers_list_the_unanswered_ids(mini_rules, tmp_path):
    path = tmp_path / "a.yaml"
    write_answers(path, {"has_plan": "draft", "staff": 4}, role=None)
    with pytest.raises(AnswersError) as err:
        complete_answers(mini_rules, path)
    text = str(err.value)
    assert "unanswered: plan_tested managers helpers" in text
    assert "`managers` is not answered" in text and "role is not given" in text
    assert "comments" not in text


def test_no_answers_file_without_prompting(mini_rules, tmp_path):
    with pytest.raises(AnswersError, match="no answers file here"):
        complete_answers(mini_rules, tmp_path / "none.yaml")


def test_run_assess_no_input_writes_the_report(tmp_path, monkeypatch):
    path = tmp_path / "a.yaml"
    write_answers(path, {"has_plan": "none", "staff": 4, "managers": 2, "helpers": []})
    out = tmp_path / "r.md"
    run_assess(answers_path=path, rules_dir=MINI, out=out, no_input=True)
    assert out.read_text().startswith("# ")
    assert not (tmp_path / "a.yaml.lock").exists()


def test_report_path_is_checked_before_anything_is_asked(tmp_path):
    path = tmp_path / "a.yaml"
    with pytest.raises(Exception, match="does not exist"):
        run_assess(answers_path=path, rules_dir=MINI, out=tmp_path / "no" / "r.md",
                   no_input=False)
    assert not path.exists()
