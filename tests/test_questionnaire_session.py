"""The questionnaire session without a terminal: a scripted prompter stands in for the person."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import typer
import yaml
from rich.console import Console

from spinout.answers.model import fingerprint
from spinout.errors import AnswersError
from spinout.questionnaire.prompts import ReviewChoice
from spinout.questionnaire.replies import BACK, GLOSSARY, WHY, Reply
from spinout.questionnaire.session import (
    Session,
    complete_answers,
    load_answers,
    run_assess,
)
from spinout.record import replace
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
        self.marks = []
        self.notes = []

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

    def review(self, numbers, more):
        reply = self._next("review", (min(numbers), max(numbers)))
        if isinstance(reply, ReviewChoice):
            return reply
        return ReviewChoice("change", reply) if reply is not None else ReviewChoice(
            "next" if more else "finish")

    def more(self):
        return self._next("more")

    def question(self, q, current, can_back, mark="?", notes=()):
        self.marks.append(mark)
        self.notes.append((q.id, notes))
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
    assert "Planning · question 1 · about 2 minutes left" in out
    assert "People · question 3 · about 2 minutes left" in out
    assert "Review your answers" in out
    assert "0 Your role Frontline staff" in out
    assert "5 Which kinds of help do you have? Legal advice" in out
    assert "6 Anything else? ok" in out
    assert prompter.marks == ["1", "2", "3", "4", "5", "6"]


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
    assert ("To carry on where you left off, run:\n"
            f"  spinout assess --answers {path} --rules 'my rules'\n") in err
    assert saved(path)["answers"] == {"has_plan": "agreed"}
    resumed, prompter, con = session(mini_rules, path, [("plan_tested", False),
                                                        ("staff", 3), ("managers", 1),
                                                        ("helpers", []), ("comments", ""),
                                                        ("review", None)])
    resumed.run()
    assert f"Carrying on from {path}: 1 answer already given, about 2 minutes left." in flat(con)
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
    assert "— Julian Le Grand tag archive" in out
    assert ".txt" not in out  # sources by name, never by file
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
    script = [*FULL_RUN[:-1], ("review", 4), ("managers", 2), ("review", None)]
    s, prompter, con = session(mini_rules, path, script)
    s.run()
    assert ("managers", 4) in prompter.seen
    assert saved(path)["answers"]["managers"] == 2
    out = flat(con)
    assert out.count("Review your answers") == 1  # after a change, only what changed
    assert "4 How much do your managers back the idea, from 1 to 5?: 4 → 2" in out


def test_finishing_the_review_with_questions_left_asks_them(mini_rules, tmp_path):
    path = tmp_path / "a.yaml"
    script = [("role", "frontline"), ("has_plan", "none"), ("staff", 1), ("managers", 1),
              ("helpers", []), ("comments", ""), ("review", 1), ("has_plan", "draft"),
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


# --- welcome, glossary, review pages -----------------------------------------------------------


def test_the_welcome_says_what_it_is_for_how_long_where_answers_go_and_how_old(tmp_path):
    rs = load_ruleset(None, check_citations=False)
    path = tmp_path / "a.yaml"
    s, _, con = session(rs, path, [("role", KeyboardInterrupt)])
    with pytest.raises(typer.Exit):
        s.run()
    out = flat(con)
    assert "how ready you are to run your service as an employee-led mutual" in out
    assert re.search(r"It takes about \d+ minutes\.", out)
    assert f"saved as you go in {path}" in out and "Whoever you give the file to" in out
    assert "news and commentary from 2010–2012" in out
    assert "last reviewed on 30 November 2026" in out
    assert "Ctrl-C" in out and "run the same command again" in out


def with_glossary(rs):
    from spinout.ruleset.model import GlossaryTerm

    terms = (GlossaryTerm(id="plan", term="business plan", also=("plan",),
                          definition="A written plan. More."),
             GlossaryTerm(id="manager", term="manager", also=("managers",),
                          definition="Someone who runs a team."),
             GlossaryTerm(id="advice", term="advice", definition="Help from an expert."))
    return replace(rs, glossary=terms)


def test_terms_are_explained_where_first_used_and_the_glossary_is_on_demand(mini_rules,
                                                                           tmp_path):
    rs = with_glossary(mini_rules)
    path = tmp_path / "a.yaml"
    script = [("role", "frontline"), ("has_plan", GLOSSARY), ("has_plan", "draft"),
              ("plan_tested", True), ("staff", 3), ("managers", 2),
              ("helpers", KeyboardInterrupt)]
    s, prompter, con = session(rs, path, script)
    with pytest.raises(typer.Exit):
        s.run()
    notes = dict(prompter.notes)  # the last notes each question was shown with
    assert prompter.notes[0] == ("has_plan", ("“business plan”: A written plan.",))
    assert prompter.notes[1] == prompter.notes[0]  # the same after the glossary
    assert notes["plan_tested"] == ()  # explained once only
    assert notes["managers"] == ("“manager”: Someone who runs a team.",)
    assert notes["helpers"] == ("“advice”: Help from an expert.",)  # "Legal advice" option
    out = flat(con)
    assert "Glossary: words used in these questions" in out
    assert "advice: Help from an expert. business plan: A written plan. More." in out


def test_a_long_glossary_is_shown_a_page_at_a_time(mini_rules, tmp_path):
    from spinout.ruleset.model import GlossaryTerm

    terms = tuple(GlossaryTerm(id=f"t{i:02}", term=f"term{i:02}", definition="Words. " * 30)
                  for i in range(20))
    rs = replace(mini_rules, glossary=terms)
    path = tmp_path / "a.yaml"
    script = [("role", "frontline"), ("has_plan", GLOSSARY), ("more", True), ("more", False),
              ("has_plan", KeyboardInterrupt)]
    s, _, con = session(rs, path, script)
    with pytest.raises(typer.Exit):
        s.run()
    out = flat(con)
    assert "(page 1 of" in out and "(page 2 of" in out and "(page 3 of" not in out
    assert "term00" in out and "term19" not in out  # went back to the question


def answered(rs):
    """A finished flow's answers for the bundled rule set: the first option everywhere."""
    from spinout.questionnaire.flow import REVIEW, Flow

    flow = Flow.start(rs, {}, rs.roles[0].id)
    while flow.step != REVIEW:
        q = flow.question
        choices = q.kind.prompt_choices(q)
        if q.kind.prompt(q) == "checkbox":
            flow = flow.answer([choices[0][0]])
        else:
            flow = flow.answer(choices[0][0] if choices else "" if q.is_comment else 5)
    return flow


def test_the_review_is_paged_on_a_small_screen_and_numbered_as_the_questions(tmp_path):
    from spinout.answers import store
    from spinout.answers.model import new_answers

    rs = load_ruleset(None, check_citations=False)
    flow = answered(rs)
    path = tmp_path / "a.yaml"
    done = new_answers(rs, role=rs.roles[0].id)
    store.save(path, replace(done, answers=dict(flow.answers)))
    rows = flow.review_rows()
    prompter = ScriptedPrompter([("review", None), ("review", None), ("review", 7),
                                 (rows[7].step, KeyboardInterrupt)])
    con = Console(file=io.StringIO(), width=60, height=24, force_terminal=False)
    s = Session(rs, path, None, prompter, con, load_answers(rs, path))
    with pytest.raises(typer.Exit):
        s.run()
    text = con.file.getvalue()
    assert "Review your answers (page 1 of" in text and "(page 3 of" in text
    assert "(page 4 of" not in text  # stopped on page 3 to change question 7
    assert all(len(line) <= 60 for line in text.splitlines())
    assert f"  7  {rows[7].text[:20]}" in text
    assert prompter.seen[-1] == (rows[7].step, flow.answers[rows[7].step])
