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
    """Medians and quartiles rounded to 5 points, counts to multiples of 3 (the minimum)."""
    files = [make_file(rs, "frontline", has_plan=v)
             for v in ("none", "none", "none", "draft", "agreed", "agreed", "agreed")]
    g = _group(rs, files)
    planning = g.dimension("planning").spread
    assert (planning.median, planning.q1, planning.q3) == (50.0, 0.0, 100.0)
    assert planning.count.value == 6 and not planning.suppressed
    assert not hasattr(planning, "low") and not hasattr(planning, "high")
    assert g.respondents == 7 and not g.withheld
    assert [(b.id, b.count.value, b.share) for b in g.barriers] == [("no_plan", 3, 3 / 7)]
    assert [(s.id, s.count.value) for s in g.stages] == [("explore", 3), ("plan_stage", 3),
                                                        ("launch", None)]
    assert g.stage == "plan_stage"  # 3 explore, 4 plan (shown as about 3)


def test_dimension_without_scores_is_suppressed(rs):
    g = _group(rs, [make_file(rs, has_plan="draft") for _ in range(3)])
    support = g.dimension("support").spread
    assert support.suppressed and support.count.suppressed and support.median is None
    assert g.weakest == "planning"


def test_a_dimension_one_respondent_answered_is_withheld_in_a_large_group(rs):
    files = [make_file(rs, has_plan="draft") for _ in range(10)]
    files.append(make_file(rs, has_plan="draft", managers=4))
    g = _group(rs, files)
    assert g.dimension("support").spread.suppressed
    assert g.dimension("planning").spread.median == 50.0
    assert g.weakest == "planning"


def test_barriers_ordered_by_severity_then_count_and_only_when_enough(rs):
    files = [make_file(rs, managers=1), make_file(rs, managers=2), make_file(rs, managers=1),
             make_file(rs, has_plan="none", managers=1)]
    g = _group(rs, files)
    assert [(b.id, b.severity, b.count.value) for b in g.barriers] == [
        ("weak_support", "major", 3)]  # no_plan (one respondent) is not listed
    files += [make_file(rs, has_plan="none", managers=1) for _ in range(2)]
    g = _group(rs, files)
    assert [(b.id, b.count.value) for b in g.barriers] == [("no_plan", 3),
                                                          ("weak_support", 6)]


def test_legal_forms_by_mean_rank_with_first_and_excluded(rs):
    files = [make_file(rs, helpers=["finance"]) for _ in range(4)]
    files += [make_file(rs, has_plan="none")]
    g = _group(rs, files)
    forms = {f.id: f for f in g.legal_forms}
    assert forms["cic"].excluded.value == 3 and forms["cic"].first.suppressed
    assert forms["coop"].first.value == 3
    assert [f.id for f in g.legal_forms] == ["coop", "cic"]
    assert not hasattr(forms["coop"], "mean_rank")


def test_disagreement_ranks_split_questions_first(rs):
    files = [make_file(rs, has_plan="none", managers=1), make_file(rs, has_plan="agreed",
                                                                   managers=1),
             make_file(rs, has_plan="none", managers=2), make_file(rs, has_plan="none",
                                                                   managers=3)]
    g = _group(rs, files)
    first = g.disagreements[0]
    assert first.question == "has_plan"
    assert {v: c.value for v, c in first.counts} == {"none": 3, "draft": None, "agreed": None}
    assert 0 < first.index <= 1 and first.index == round(first.index, 1)
    managers = next(d for d in g.disagreements if d.question == "managers")
    assert managers.spread is not None and managers.counts == ()
    assert managers.spread.median == 1.5 and not hasattr(managers.spread, "low")
    assert managers.index < first.index


def test_questions_too_few_answered_show_no_disagreement(rs):
    files = [make_file(rs, has_plan="draft", plan_tested=v) for v in (True, False)]
    files.append(make_file(rs, has_plan="none"))
    g = _group(rs, files)
    assert all(d.question != "plan_tested" for d in g.disagreements)


def test_full_agreement_is_no_disagreement(rs):
    g = _group(rs, [make_file(rs, has_plan="draft") for _ in range(4)])
    assert all(d.question != "has_plan" for d in g.disagreements)


def test_even_yes_no_split_is_total_disagreement(rs):
    files = [make_file(rs, has_plan="draft", plan_tested=v) for v in (True, False) * 2]
    g = _group(rs, files)
    tested = next(d for d in g.disagreements if d.question == "plan_tested")
    assert tested.index == pytest.approx(1.0)


def test_unknowns_count_dont_know_and_unanswered_that_apply(rs):
    files = [make_file(rs, has_plan="dont_know") for _ in range(3)]
    files.append(make_file(rs, has_plan="draft"))
    g = _group(rs, files)
    counts = {u.question: u.count.value for u in g.unknowns}
    assert counts["has_plan"] == 3
    assert "plan_tested" not in counts  # applies to one respondent only: too few to list
    assert "comments" not in counts


def test_group_actions_come_from_typical_answers(rs):
    files = [make_file(rs, has_plan="none", managers=2) for _ in range(3)]
    g = _group(rs, files)
    assert g.next_actions, "a weak group has something to do"
    top = g.next_actions[0]
    assert top.question == "has_plan" and "no_plan" in top.clears
    assert top.count.value == 3


def test_staff_count_is_median_of_answers_and_participation(rs):
    files = [make_file(rs, staff=s) for s in (10, 20, 40)]
    g = _group(rs, files)
    assert g.staff_count == 20 and g.participation == pytest.approx(3 / 20)
    fewer = _group(rs, [make_file(rs, staff=10), make_file(rs, staff=30), make_file(rs)])
    assert fewer.staff_count is None  # two answers: too few to show their median


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
    from spinout.record import replace

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
    assert warning.value == 0.8 and warning.threshold == 0.5  # 0.75 in tenths
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
    files += [make_file(rs, "senior", has_plan=v) for v in ("none", "agreed", "none")]
    files.append(make_file(rs, None, has_plan="agreed"))
    g = _group(rs, files)
    roles = {r.role: r for r in g.roles}
    assert list(roles) == ["frontline", "senior", None]
    assert roles["frontline"].suppressed is False
    assert dict(roles["frontline"].medians)["planning"] == 50.0
    assert dict(roles["frontline"].medians)["support"] is None  # nobody has a score
    assert roles["senior"].suppressed is False and roles["senior"].overall == 0.0
    assert roles[None].suppressed is True and roles[None].count.suppressed
    assert roles[None].medians == () and roles[None].overall is None


def test_a_role_is_suppressed_when_the_others_are_too_few(rs):
    files = [make_file(rs, "frontline", has_plan="draft") for _ in range(4)]
    files.append(make_file(rs, "senior", has_plan="none"))
    g = _group(rs, files)
    roles = {r.role: r for r in g.roles}
    assert roles["frontline"].count.value == 3 and roles["frontline"].suppressed
    assert roles["frontline"].overall is None  # else the whole group's median minus it
    assert roles["senior"].suppressed and roles["senior"].count.suppressed


def test_a_group_below_the_minimum_shows_no_figure(rs):
    g = _group(rs, [make_file(rs, "frontline", has_plan="none", managers=5),
                    make_file(rs, "senior", has_plan="agreed", managers=1)],
               include_comments=True)
    assert g.withheld and g.band is None and g.stage is None and g.confidence is None
    assert g.overall.suppressed and g.weakest is None
    assert all(d.spread.suppressed and d.confidence is None for d in g.dimensions)
    assert (g.barriers, g.legal_forms, g.next_actions, g.unknowns, g.disagreements,
            g.comments) == ((), (), (), (), (), ())
    assert all(b.count.suppressed for b in g.bands)
    assert all(s.count.suppressed for s in g.stages)
    assert all(r.suppressed for r in g.roles)
    assert g.senior_share is None and g.comments_status == "group_too_small"


def test_comments_need_the_flag_and_enough_writers(rs):
    files = [make_file(rs, comments=t) for t in ("b text", "a text", "c text", "  ")]
    assert _group(rs, files).comments_status == "not_requested"
    assert _group(rs, files).comments == ()
    shown = _group(rs, files, include_comments=True)
    assert shown.comments_status == "included"
    assert [c.text for c in shown.comments] == ["a text", "b text", "c text"]
    few = _group(rs, [*files[1:], make_file(rs)], include_comments=True)
    assert few.comments == () and few.comments_status == "included"  # two wrote one
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
def test_identical_respondents_match_the_individual_assessment(rs, data):
    """Three respondents (the minimum) with the same answers show that respondent's result
    where it overlaps: the same band, stage, weakest dimension, scores within rounding."""
    f = data.draw(answers_files(rs))
    a = assess(rs, f.answers)
    g = aggregate(rs, [(f, a)] * 3)
    assert g.band == a.band and g.stage == a.stage.id
    assert [d.spread.median for d in g.dimensions] == [
        None if d.score is None else pytest.approx(d.score, abs=2.5) for d in a.dimensions]
    assert g.confidence == pytest.approx(a.confidence, abs=0.05)
    assert {b.id for b in g.barriers} == {b.id for b in a.barriers}
    assert [f.id for f in g.legal_forms] == [x.id for x in a.legal_forms]
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
        size = sum(1 for f in files if f.respondent.role == role.role)
        assert role.count.suppressed == (size < minimum)
        if size < minimum or 0 < len(files) - size < minimum:
            assert role.suppressed and role.medians == () and role.overall is None
        else:
            assert not role.suppressed
    if len(files) < minimum:
        assert g.comments == () and g.withheld


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
