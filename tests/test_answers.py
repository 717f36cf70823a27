"""Answers files: reading and checking them against the rules, rule-set changes, saving
without touching a respondent's answers, atomic writes and the lock."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import MINI
from hypothesis import given
from hypothesis import strategies as st
from test_invariants import MINI_RS, answer_sets

from spinout.answers import store
from spinout.answers.model import AnswersFile, Respondent, RulesRef, fingerprint, new_answers
from spinout.answers.validate import check_document, rule_changes
from spinout.errors import AnswersError, OutputError
from spinout.record import replace
from spinout.ruleset.loader import load_ruleset
from spinout.textsafe import strip_controls
from spinout.yamlfile import parse_yaml

HEAD = """format: 1
rules:
  name: mini
  version: "0.1"
  digest: "{digest}"
respondent:
  role: frontline
"""


def check(text: str, rs=MINI_RS, digest: str | None = None, head: bool = True):
    body = HEAD.format(digest=digest or rs.digest) + text if head else text
    return check_document(parse_yaml(body.encode(), "team.yaml"), rs)


def problems(checked, kind="errors"):
    return [(p.line, p.message, p.hint) for p in getattr(checked, kind)]


# --- reading and checking ----------------------------------------------------------------------


def test_a_valid_file_reads_back_in_order(mini_rules):
    checked = check("answers:\n  managers: 4\n  has_plan: draft\n  helpers: [legal]\n"
                    "  comments: Fine\n  staff: 12.5\n  plan_tested: dont_know\n")
    assert checked.errors == () and checked.warnings == () and checked.changes is None
    assert list(checked.answers.answers.items()) == [
        ("managers", 4), ("has_plan", "draft"), ("helpers", ["legal"]), ("comments", "Fine"),
        ("staff", 12.5), ("plan_tested", "dont_know")]
    assert checked.answers.respondent == Respondent("frontline", None)


def test_unknown_question_with_did_you_mean():
    checked = check("answers:\n  has_plan: draft\n  has_pln: agreed\n")
    assert problems(checked) == [(10, "unknown question `has_pln`", "did you mean `has_plan`?")]
    assert "has_pln" not in checked.answers.answers


def test_answer_to_a_retired_question_is_kept_with_a_warning():
    body = HEAD.format(digest="sha256:old").replace(
        '  digest: "sha256:old"\n',
        '  digest: "sha256:old"\n  questions: {has_plan: aaaaaaaaaaaa, old_question: b}\n')
    checked = check_document(parse_yaml(
        (body + "answers:\n  old_question: yes please\n  has_plan: draft\n").encode(),
        "team.yaml"), MINI_RS)
    assert checked.errors == ()
    assert (10, "question `old_question` has been retired from the rule set",
            "the answer is kept but no longer scored") in problems(checked, "warnings")
    assert list(checked.answers.answers) == ["old_question", "has_plan"]
    assert checked.changes is not None and "old_question" in checked.changes.removed


def test_value_not_an_option():
    checked = check("answers:\n  has_plan: drafty\n")
    assert problems(checked) == [(9, "`drafty` is not an option",
                                  "use one of `none`, `draft`, `agreed`")]


def test_number_out_of_range():
    checked = check("answers:\n  staff: 4\n  managers: 6\n")
    assert problems(checked) == [(10, "6 is out of range", "give a number from 1 to 5")]


@pytest.mark.parametrize(("line", "message"), [
    ("plan_tested: maybe", "`maybe` is not an answer to a yes/no question"),
    ("staff: ten", "`ten` is not a number"),
    ("staff: .nan", "`nan` is not a number"),
    ("staff: true", "`true` is not a number"),
    ("helpers: legal", "`legal` should be a list"),
    ("comments: 12", "`12` is not text"),
    ("has_plan: 1", "`1` is not an option"),
    ("has_plan:", "no answer is given"),
    ("staff: dont_know", "this question does not allow \"don't know\""),
])
def test_wrong_type(line, message):
    checked = check(f"answers:\n  managers: 3\n  {line}\n")
    assert [(p.line, p.message) for p in checked.errors] == [(10, message)]


def test_multi_duplicates_and_bad_members():
    assert problems(check("answers:\n  helpers:\n    - legal\n    - legal\n")) == [
        (10, "an option is listed twice", "list each option once")]
    assert problems(check("answers:\n  helpers: [legal, lawyers]\n")) == [
        (9, "`lawyers` is not an option", "use any of `legal`, `finance`")]


def test_bad_role():
    checked = check(HEAD.format(digest=MINI_RS.digest).replace("frontline", "frontlin")
                    + "answers: {}\n", head=False)
    assert problems(checked) == [(7, "unknown role `frontlin`", "did you mean `frontline`?")]


@pytest.mark.parametrize("value", ["2", "true", '"1"', "1.0"])
def test_wrong_format(value):
    checked = check(f"format: {value}\nrules: {{name: mini, version: '0.1', "
                    f"digest: '{MINI_RS.digest}'}}\nanswers: {{}}\n", head=False)
    assert [(p.line, p.hint) for p in checked.errors] == [
        (1, "this version of spinout reads `format: 1`")]


def test_missing_format_and_unknown_key():
    checked = check("rules: {name: mini}\nanswer: {}\n", head=False)
    assert [(p.line, p.message) for p in checked.errors] == [
        (2, "unknown key `answer`"), (1, "the format is missing, not 1")]
    assert checked.errors[0].hint == "did you mean `answers`?"


def test_rules_name_mismatch():
    text = HEAD.format(digest="sha256:0000").replace("name: mini", "name: other")
    checked = check(text + "answers: {}\n", head=False)
    assert [p.line for p in checked.errors] == [3]
    assert checked.errors[0].message.startswith("these answers are for the rule set `other`")
    assert "--rules" in checked.errors[0].hint


def test_answer_to_hidden_question_is_kept_and_flagged():
    checked = check("answers:\n  has_plan: none\n  plan_tested: true\n")
    assert checked.errors == ()
    assert problems(checked, "warnings") == [
        (10, "`plan_tested` is answered but no longer applies given the other answers",
         "it is kept but not scored")]
    assert checked.answers.answers == {"has_plan": "none", "plan_tested": True}
    unknown = check("answers:\n  has_plan: dont_know\n  plan_tested: true\n")
    assert [p.message for p in unknown.warnings] == [
        "`plan_tested` is answered but whether it applies depends on answers not yet known"]


def test_problem_text_is_file_line_col_message_hint():
    checked = check("answers:\n  has_pln: draft\n")
    assert str(checked.errors[0]) == (
        "team.yaml:9:12: unknown question `has_pln` — did you mean `has_plan`?")


def test_load_raises_with_every_error(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(HEAD.format(digest=MINI_RS.digest)
                    + "answers:\n  has_pln: draft\n  managers: 0\n", encoding="utf-8")
    with pytest.raises(AnswersError) as caught:
        store.load(path, MINI_RS)
    assert [p.line for p in caught.value.problems] == [9, 10]
    assert len(store.load(path, MINI_RS, strict=False).errors) == 2
    path.write_text("format: 1\nanswers: [\n", encoding="utf-8")
    with pytest.raises(AnswersError) as caught:
        store.load(path, MINI_RS)
    assert "invalid YAML" in caught.value.problems[0].message


# --- rule-set changes --------------------------------------------------------------------------


def test_same_digest_means_no_change():
    assert rule_changes(new_answers(MINI_RS).rules, MINI_RS) is None


def test_changes_from_the_recorded_fingerprints():
    prints = {q.id: fingerprint(q) for q in MINI_RS.questions if q.id != "comments"}
    prints["has_plan"] = "0" * 12
    prints["old_question"] = "1" * 12
    ref = RulesRef("mini", "0.1", "sha256:old", prints)
    changes = rule_changes(ref, MINI_RS)
    assert (changes.added, changes.removed, changes.changed) == (
        ("comments",), ("old_question",), ("has_plan",))
    checked = check_document(parse_yaml(store.dump(AnswersFile(
        ref, Respondent("frontline"), {"has_plan": "draft"})).encode(), "a.yaml"), MINI_RS)
    assert [(p.line, p.message) for p in checked.warnings] == [
        (5, "the rule set has changed since these answers were given: added comments; "
            "removed old_question; changed has_plan")]


def test_editing_a_question_shows_as_changed(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(MINI, folder)
    model = folder / "model.yaml"
    model.write_text(model.read_text(encoding="utf-8").replace(
        "Do you have a business plan?", "Is there a business plan?"), encoding="utf-8")
    edited = load_ruleset(folder)
    given_under = new_answers(MINI_RS)
    assert len(given_under.rules.questions) == len(MINI_RS.questions)
    changes = rule_changes(given_under.rules, edited)
    assert (changes.added, changes.removed, changes.changed) == ((), (), ("has_plan",))


def test_digest_change_without_fingerprints_is_still_reported():
    checked = check("answers:\n  has_plan: draft\n", digest="sha256:old")
    assert checked.changes is not None and not checked.changes.any
    assert [p.line for p in checked.warnings] == [5]
    assert "cannot be listed" in checked.warnings[0].message


# --- saving ------------------------------------------------------------------------------------


def _typed(value):
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


SAVE_DIR = Path(tempfile.mkdtemp(prefix="spinout-answers-test-"))


@given(answers=answer_sets(MINI_RS).flatmap(
    lambda a: st.permutations(list(a.items())).map(dict)),
       role=st.sampled_from([None, "frontline", "senior"]),
       rid=st.none() | st.text(min_size=1, max_size=20))
def test_saving_never_reorders_rewrites_or_drops_answers(answers, role, rid):
    """Only escape sequences and control characters are left out of texts (reading refuses
    them); everything else comes back as it was."""
    original = replace(new_answers(MINI_RS, role=role, respondent_id=rid,
                                   now="2026-01-31T10:00:00+00:00"), answers=dict(answers))
    path = SAVE_DIR / "answers.yaml"
    store.save(path, original)
    loaded = store.load(path, MINI_RS).answers
    assert list(loaded.answers) == list(answers)
    assert [_typed(v) for v in loaded.answers.values()] == [
        _typed(strip_controls(v) if isinstance(v, str) else v) for v in answers.values()]
    assert loaded.respondent.id == (strip_controls(rid) if rid is not None else None)
    assert loaded.respondent.role == original.respondent.role
    assert loaded.rules == original.rules
    assert (loaded.started, loaded.updated) == (original.started, original.updated)
    assert store.dump(loaded) == path.read_text(encoding="utf-8")


def test_with_answer_keeps_places():
    a = replace(new_answers(MINI_RS), answers={"managers": 2, "has_plan": "none"})
    b = a.with_answer("has_plan", "draft").with_answer("helpers", [])
    assert list(b.answers.items()) == [("managers", 2), ("has_plan", "draft"), ("helpers", [])]
    assert a.answers == {"managers": 2, "has_plan": "none"}


def test_saved_file_is_readable_yaml(tmp_path):
    a = replace(new_answers(MINI_RS, role="frontline"),
                answers={"has_plan": "draft", "plan_tested": True, "comments": "yes"})
    store.save(tmp_path / "a.yaml", a)
    text = (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert text.startswith("format: 1\nrules:\n  name: mini\n")
    assert text.endswith("answers:\n  has_plan: draft\n  plan_tested: true\n  comments: 'yes'\n")


def test_save_goes_through_a_renamed_temporary_file(tmp_path, monkeypatch):
    renames = []
    real = os.replace

    def spy(src, dst):
        renames.append((Path(src).parent, Path(src).name, Path(dst)))
        real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    path = tmp_path / "a.yaml"
    store.save(path, new_answers(MINI_RS))
    [(folder, name, target)] = renames
    assert folder == tmp_path and name.startswith(".a.yaml.") and name.endswith(".tmp")
    assert target == path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_failed_save_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "a.yaml"
    store.save(path, replace(new_answers(MINI_RS), answers={"has_plan": "none"}))
    before = path.read_bytes()

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OutputError) as caught:
        store.save(path, replace(new_answers(MINI_RS), answers={"has_plan": "agreed"}))
    assert "previous file is unchanged" in caught.value.problems[0].message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_no_temporary_file_possible_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "a.yaml"
    store.save(path, new_answers(MINI_RS))
    before = path.read_bytes()

    def refuse(*args, **kwargs):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError) as caught:
        store.save(path, replace(new_answers(MINI_RS), answers={"has_plan": "agreed"}))
    assert "cannot write here (Permission denied)" in str(caught.value)
    assert path.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="file permissions do not bind the superuser")
def test_read_only_folder_leaves_the_old_file_intact(tmp_path):
    path = tmp_path / "a.yaml"
    store.save(path, new_answers(MINI_RS))
    before = path.read_bytes()
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(OutputError):
            store.save(path, replace(new_answers(MINI_RS), answers={"has_plan": "agreed"}))
    finally:
        tmp_path.chmod(0o700)
    assert path.read_bytes() == before


def test_save_into_a_missing_folder_is_an_output_error(tmp_path):
    with pytest.raises(OutputError):
        store.save(tmp_path / "nowhere" / "a.yaml", new_answers(MINI_RS))


def test_save_keeps_the_file_mode(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    store.save(path, new_answers(MINI_RS))
    assert path.stat().st_mode & 0o777 == 0o640


# --- the lock ----------------------------------------------------------------------------------


def test_second_lock_is_refused_and_leaves_the_holders_lock(tmp_path):
    path = tmp_path / "a.yaml"
    lock = tmp_path / "a.yaml.lock"
    with store.locked(path):
        assert lock.read_text() == f"pid {os.getpid()}"
        with pytest.raises(AnswersError) as caught, store.locked(path):
            pass  # pragma: no cover - never entered
        assert f"pid {os.getpid()}" in caught.value.problems[0].message
        assert lock.exists()
        assert lock.read_text() == f"pid {os.getpid()}"
    assert not lock.exists()
    with store.locked(path):
        assert lock.exists()


def test_lock_is_released_when_the_block_fails(tmp_path):
    path = tmp_path / "a.yaml"
    with pytest.raises(RuntimeError), store.locked(path):
        raise RuntimeError("interrupted")
    with store.locked(path):
        pass


def test_a_new_file_follows_the_umask_and_an_old_file_keeps_its_mode(tmp_path):
    old_mask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.yaml"
        store.write_atomic(fresh, b"x")
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.yaml"
        kept.write_bytes(b"old")
        os.chmod(kept, 0o600)
        store.write_atomic(kept, b"new")
        assert kept.stat().st_mode & 0o777 == 0o600 and kept.read_bytes() == b"new"
    finally:
        os.umask(old_mask)
