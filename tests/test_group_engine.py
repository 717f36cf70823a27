"""The group aggregation engine: figures, suppression, warnings, and its invariants."""

from __future__ import annotations

import random

import pytest
from group_helpers import answers_files, group_rules_dir, make_file, pairs
from hypothesis import given, settings
from hypothesis import strategies as st

from spinout.engine.assess import assess
from spinout.engine.group import aggregate, essentials, finish
from spinout.engine.tally import Tally


@pytest.fixture(scope="module")
def rs(tmp_path_factory):
    from spinout.ruleset.loader import load_ruleset

    return load_ruleset(group_rules_dir(tmp_path_factory.mktemp("group")))


def _group(rs, files, **kw):
    return aggregate(rs, pairs(rs, files), **kw)


# --- figures -----------------------------------------------------------------------------------


def test_medians_quartiles_and_counts(rs):
    files = [make_file(rs, "frontline", has_plan=v) for v in ("none", "draft", "agreed", "agreed")]
    g = _group(rs, files)
    planning = g.dimension("planning").spread
    assert (planning.median, planning.low, planning.high, planning.n) == (75.0, 0.0, 100.0, 4)
    assert (planning.q1, planning.q3) == (37.5, 100.0)
    assert g.respondents == 4
    assert [(b.id, b.count, b.share) for b in g.barriers] == [("no_plan", 1, 0.25)]
    assert [(s.id, s.count) for s in g.stages] == [("explore", 1), ("plan_stage", 3),
                                                  ("launch", 0)]
    assert g.stage == "plan_stage"
    assert sum(b.count for b in g.bands) == 4


def test_dimension_without_scores_has_empty_spread(rs):
    g = _group(rs, [make_file(rs, has_plan="draft"), make_file(rs, has_plan="none")])
    support = g.dimension("support").spread
    assert support.n == 0 and support.median is None
    assert g.weakest == "planning"


def test_barriers_ordered_by_severity_then_count(rs):
    files = [make_file(rs, managers=1), make_file(rs, managers=2),
             make_file(rs, has_plan="none", managers=1)]
    g = _group(rs, files)
    assert [(b.id, b.severity, b.count) for b in g.barriers] == [
        ("no_plan", "blocker", 1), ("weak_support", "major", 3)]


def test_legal_forms_by_mean_rank_with_first_and_excluded(rs):
    files = [make_file(rs, helpers=["finance"]), make_file(rs, helpers=["finance"]),
             make_file(rs, has_plan="none")]
    g = _group(rs, files)
    forms = {f.id: f for f in g.legal_forms}
    assert forms["cic"].excluded == 2 and forms["cic"].first == 1
    assert forms["coop"].first == 2
    assert [f.id for f in g.legal_forms] == ["coop", "cic"]
    assert forms["coop"].mean_rank == pytest.approx(4 / 3)


def test_disagreement_ranks_split_questions_first(rs):
    files = [make_file(rs, has_plan="none", managers=1), make_file(rs, has_plan="agreed",
                                                                   managers=1),
             make_file(rs, has_plan="none", managers=2)]
    g = _group(rs, files)
    first = g.disagreements[0]
    assert first.question == "has_plan"
    assert dict(first.counts) == {"none": 2, "draft": 0, "agreed": 1}
    assert 0 < first.index <= 1
    managers = next(d for d in g.disagreements if d.question == "managers")
    assert managers.spread is not None and managers.counts == ()
    assert managers.index < first.index


def test_full_agreement_is_no_disagreement(rs):
    g = _group(rs, [make_file(rs, has_plan="draft") for _ in range(4)])
    assert all(d.question != "has_plan" for d in g.disagreements)


def test_even_yes_no_split_is_total_disagreement(rs):
    files = [make_file(rs, has_plan="draft", plan_tested=v) for v in (True, False)]
    g = _group(rs, files)
    tested = next(d for d in g.disagreements if d.question == "plan_tested")
    assert tested.index == pytest.approx(1.0)


def test_unknowns_count_dont_know_and_unanswered_that_apply(rs):
    files = [make_file(rs, has_plan="dont_know"), make_file(rs, has_plan="draft")]
    g = _group(rs, files)
    counts = {u.question: u.count for u in g.unknowns}
    assert counts["has_plan"] == 1
    assert counts["plan_tested"] == 1  # applies to the second only, unanswered
    assert "comments" not in counts


def test_group_actions_come_from_typical_answers(rs):
    files = [make_file(rs, has_plan="none", managers=2) for _ in range(3)]
    g = _group(rs, files)
    assert g.next_actions, "a weak group has something to do"
    top = g.next_actions[0]
    assert top.question == "has_plan" and "no_plan" in top.clears
    assert top.count == 3


def test_staff_count_is_median_of_answers_and_participation(rs):
    files = [make_file(rs, staff=s) for s in (10, 20, 40)]
    g = _group(rs, files)
    assert g.staff_count == 20 and g.participation == pytest.approx(3 / 20)


def test_staff_count_option_overrides_answers(rs):
    g = _group(rs, [make_file(rs, staff=10), make_file(rs, staff=10)], staff_count=4)
    assert g.staff_count == 4 and g.participation == 0.5


def test_no_staff_count_means_no_participation(rs):
    g = _group(rs, [make_file(rs), make_file(rs)])
    assert g.staff_count is None and g.participation is None


def test_empty_group_is_refused(rs):
    with pytest.raises(ValueError):
        aggregate(rs, [])


def test_latest_date(rs):
    from dataclasses import replace

    files = [replace(make_file(rs), updated="2026-01-02T00:00:00+00:00"),
             replace(make_file(rs), started="2026-03-01T00:00:00+00:00")]
    assert _group(rs, files).latest == "2026-03-01T00:00:00+00:00"


# --- warnings ----------------------------------------------------------------------------------


def _ids(g):
    return [w.id for w in g.warnings]


def test_senior_led_warning_with_its_citation(rs):
    files = [make_file(rs, "senior") for _ in range(3)] + [make_file(rs, "frontline")]
    g = _group(rs, files)
    warning = next(w for w in g.warnings if w.id == "senior_led")
    assert warning.value == 0.75 and warning.threshold == 0.5
    assert warning.cite[0].quote == "managers are the biggest barrier"
    assert "senior managers" in warning.message


def test_no_senior_warning_when_mostly_frontline(rs):
    files = [make_file(rs, "frontline") for _ in range(3)] + [make_file(rs, "senior")]
    assert "senior_led" not in _ids(_group(rs, files))


def test_low_participation_warning(rs):
    files = [make_file(rs, "frontline", staff=100) for _ in range(4)]
    g = _group(rs, files)
    warning = next(w for w in g.warnings if w.id == "low_participation")
    assert warning.value == pytest.approx(0.04)
    assert "low_participation" not in _ids(_group(rs, files, staff_count=5))


def test_small_group_warning(rs):
    assert "small_group" in _ids(_group(rs, [make_file(rs), make_file(rs)]))
    assert "small_group" not in _ids(_group(rs, [make_file(rs) for _ in range(3)]))


def test_rules_without_warnings_give_none(mini_rules):
    files = [make_file(mini_rules, "senior") for _ in range(2)]
    assert aggregate(mini_rules, pairs(mini_rules, files)).warnings == ()


# --- small-group protection and comments -------------------------------------------------------


def test_small_role_groups_are_suppressed(rs):
    files = [make_file(rs, "frontline", has_plan="draft") for _ in range(3)]
    files.append(make_file(rs, "senior", has_plan="none"))
    g = _group(rs, files)
    roles = {r.role: r for r in g.roles}
    assert roles["frontline"].suppressed is False
    assert dict(roles["frontline"].medians)["planning"] == 50.0
    assert roles["senior"].suppressed is True
    assert roles["senior"].medians == () and roles["senior"].overall is None
    assert roles["senior"].count == 1


def test_comments_need_the_flag_and_a_large_enough_group(rs):
    files = [make_file(rs, comments=t) for t in ("b text", "a text", "  ")]
    assert _group(rs, files).comments_status == "not_requested"
    assert _group(rs, files).comments == ()
    shown = _group(rs, files, include_comments=True)
    assert shown.comments_status == "included"
    assert [c.text for c in shown.comments] == ["a text", "b text"]
    small = _group(rs, files[:2], include_comments=True)
    assert small.comments == () and small.comments_status == "group_too_small"


# --- invariants --------------------------------------------------------------------------------


@settings(max_examples=40)
@given(data=st.data())
def test_order_of_respondents_never_changes_the_result(rs, data):
    files = data.draw(st.lists(answers_files(rs), min_size=1, max_size=12))
    seed = data.draw(st.integers(0, 10_000))
    shuffled = list(files)
    random.Random(seed).shuffle(shuffled)
    assert _group(rs, files, include_comments=True) == _group(rs, shuffled,
                                                               include_comments=True)


@settings(max_examples=40)
@given(data=st.data())
def test_one_respondent_matches_the_individual_assessment(rs, data):
    f = data.draw(answers_files(rs))
    a = assess(rs, f.answers)
    g = aggregate(rs, [(f, a)])
    assert g.overall.median == a.overall
    assert g.confidence == a.confidence
    assert g.band == a.band and g.weakest == a.weakest
    assert g.stage == a.stage.id
    assert [d.spread.median for d in g.dimensions] == [d.score for d in a.dimensions]
    assert [d.confidence for d in g.dimensions] == [d.confidence for d in a.dimensions]
    assert {b.id for b in g.barriers} == {b.id for b in a.barriers}
    assert [f.id for f in g.legal_forms] == [x.id for x in a.legal_forms]
    assert [f.excluded for f in g.legal_forms] == [int(x.excluded) for x in a.legal_forms]
    assert {u.question for u in g.unknowns} == {u.question for u in a.unknowns}
    assert [x.question for x in g.next_actions] == [x.question for x in a.next_actions]
    assert [x.overall_gain for x in g.next_actions] == pytest.approx(
        [x.overall_gain for x in a.next_actions])


@settings(max_examples=40)
@given(data=st.data())
def test_suppression_always_holds(rs, data):
    files = data.draw(st.lists(answers_files(rs), min_size=1, max_size=14))
    g = _group(rs, files, include_comments=True)
    minimum = rs.header.min_group_size
    for role in g.roles:
        if role.count < minimum:
            assert role.suppressed and role.medians == () and role.overall is None
        else:
            assert not role.suppressed
    assert sum(r.count for r in g.roles) == len(files)
    if len(files) < minimum:
        assert g.comments == ()


@settings(max_examples=30)
@given(data=st.data())
def test_tallies_merge_in_any_split(rs, data):
    files = data.draw(st.lists(answers_files(rs), min_size=1, max_size=10))
    cut = data.draw(st.integers(0, len(files)))
    assessed = pairs(rs, files)
    left, right = Tally(comments_wanted=True), Tally(comments_wanted=True)
    for f, a in assessed[:cut]:
        left.add(rs, f, a)
    for f, a in assessed[cut:]:
        right.add(rs, f, a)
    merged = finish(rs, right.merge(left), include_comments=True)
    assert merged == aggregate(rs, assessed, include_comments=True)


@settings(max_examples=30)
@given(data=st.data())
def test_essentials_aggregate_the_same(rs, data):
    files = data.draw(st.lists(answers_files(rs), min_size=1, max_size=8))
    full = pairs(rs, files)
    slim = [(f, essentials(a)) for f, a in full]
    assert aggregate(rs, slim) == aggregate(rs, full)
