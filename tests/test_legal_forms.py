"""The bundled legal forms follow the law on the points the questionnaire asks about: a form
that cannot be a charity is ruled out when a charity is wanted, an asset lock with outside
equity points to a CIC limited by shares, and every ownership answer is answered by some form."""

from __future__ import annotations

import itertools

import pytest

from spinout.engine.legal_forms import rank
from spinout.ruleset.conditions import answer_refs
from spinout.ruleset.loader import load_ruleset

RS = load_ruleset(None, check_citations=False)


def ownership_questions() -> list:
    """Questions of the ownership section that some fit rule reads, in questionnaire order."""
    read = {qid for f in RS.legal_forms for r in f.fit for qid in answer_refs(r.when)}
    return [q for q in RS.questions_in_order() if q.section == "ownership" and q.id in read]


def ranked(answers: dict) -> list:
    return list(rank(RS, answers, {}))


def test_the_ownership_questions_are_the_ones_the_forms_read():
    assert {q.id for q in ownership_questions()} >= {
        "charity_wanted", "asset_lock", "outside_investment", "profits_to_staff",
        "private_partner", "board_makeup"}


def test_new_forms_are_offered():
    ids = {f.id for f in RS.legal_forms}
    assert {"community_benefit_society", "employee_ownership_trust"} <= ids


def test_a_wanted_charity_rules_out_every_form_that_cannot_be_one():
    cannot = {f.id for f in RS.legal_forms if f.attributes.charitable.lower().startswith("no")}
    assert {"cooperative_society", "community_interest_company", "mutual_joint_venture",
            "employee_ownership_trust"} <= cannot
    fits = {f.id: f for f in ranked({"charity_wanted": "yes"})}
    assert {fid for fid in cannot if not fits[fid].excluded} == set()
    top = ranked({"charity_wanted": "yes"})[0]
    assert not top.excluded and top.id not in cannot


@pytest.mark.parametrize("lock", ["essential", "preferred"])
def test_an_asset_lock_with_outside_equity_points_to_a_cic(lock):
    top = ranked({"asset_lock": lock, "outside_investment": "shares"})[0]
    assert top.id == "community_interest_company"
    assert not top.excluded
    assert "shares" in RS.legal_forms[[f.id for f in RS.legal_forms].index(top.id)].name


@pytest.mark.parametrize(("qid", "value"), [
    (q.id, o.value) for q in ownership_questions() for o in q.options])
def test_every_ownership_answer_has_a_form_that_fits_it(qid, value):
    top = ranked({qid: value})[0]
    assert not top.excluded
    assert top.fit > 0, f"no form gains points when {qid} is {value!r}"


def test_every_combination_of_ownership_answers_leaves_some_form_open():
    questions = ownership_questions()
    closed = []
    for values in itertools.product(*[[o.value for o in q.options] for q in questions]):
        answers = dict(zip([q.id for q in questions], values, strict=True))
        if all(f.excluded for f in ranked(answers)):
            closed.append(answers)
    assert closed == []
