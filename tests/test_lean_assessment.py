"""The lean assessment a group report makes of each respondent (``explain=False``) is the
full assessment with its explanations left out, exactly as ``essentials`` leaves them out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_invariants import NAMES, RULE_SETS, answer_sets, real_values

from spinout.answers.model import new_answers
from spinout.engine.assess import assess
from spinout.engine.group import essentials, for_group
from spinout.engine.scoring import question_points
from spinout.engine.tally import Tally
from spinout.qtypes import answer_points
from spinout.record import replace


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_lean_assessment_is_the_essentials_of_the_full_one(name, data):
    rs = RULE_SETS[name]
    answers = data.draw(answer_sets(rs), label="answers")
    full = assess(rs, answers, actions=0)
    lean = assess(rs, answers, actions=0, explain=False)
    assert lean == essentials(full)
    assert lean.dimensions != full.dimensions or all(
        not d.contributions and not d.unknowns for d in full.dimensions)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_group_tallies_lean_assessments_as_full_ones(name, data):
    rs = RULE_SETS[name]
    roles = [None, *(r.id for r in rs.roles)]
    files = [replace(new_answers(rs, role=data.draw(st.sampled_from(roles))),
                     answers=data.draw(answer_sets(rs), label="answers"))
             for _ in range(data.draw(st.integers(1, 4)))]
    lean, full = Tally(comments_wanted=True), Tally(comments_wanted=True)
    for f in files:
        lean.add(rs, f, for_group(rs, f))
        full.add(rs, f, assess(rs, f.answers))
    assert lean == full


ODD_VALUES = st.one_of(st.booleans(), st.integers(-2, 6), st.floats(-2, 6, allow_nan=False),
                       st.text(max_size=3), st.lists(st.integers(0, 3), max_size=2))


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_points_from_the_tables_are_the_points_of_the_answers(name, data):
    """Question points looked up in the index's points tables equal each type's points, for
    valid answers and for values no question offers (``True`` is never ``1``)."""
    rs = RULE_SETS[name]
    scored = [q for q in rs.questions if rs.index.dims_of[q.id]]
    q = data.draw(st.sampled_from(scored))
    value = data.draw(real_values(q) | ODD_VALUES)
    expected = answer_points(q, value, rs.index.dims_of[q.id])
    assert question_points(rs, (q,), {q.id: value}) == ({q.id: expected} if expected else {})


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_checking_a_file_gives_what_applies_and_assessing_with_it_is_the_same(name, data,
                                                                            tmp_path_factory):
    """The applicability a checked answers file carries is the one its answers have, and a
    group assessment made with it equals one that works it out again."""
    from spinout.answers.model import fingerprint
    from spinout.answers.store import dump, read
    from spinout.engine.visibility import applicability

    rs = RULE_SETS[name]
    f = new_answers(rs, respondent_id="r1", now="2026-01-31T10:00:00+00:00")
    f = replace(f, answers=data.draw(answer_sets(rs), label="answers"),
                rules=replace(f.rules, questions={q.id: fingerprint(q) for q in rs.questions}))
    path = tmp_path_factory.mktemp("answers") / "a.yaml"
    path.write_text(dump(f), encoding="utf-8")
    checked = read(path, rs)
    assert not checked.errors
    assert checked.applicability == applicability(rs, checked.answers.answers)
    assert for_group(rs, checked.answers, checked.applicability) == for_group(rs, checked.answers)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_reach_from_known_scores_is_the_reach_worked_out(name, data):
    from spinout.engine.assess import _core
    from spinout.engine.reach import reach

    rs = RULE_SETS[name]
    core = _core(rs, data.draw(answer_sets(rs), label="answers"))
    assert reach(rs, core.app, core.points, core.scores) == reach(rs, core.app, core.points)
