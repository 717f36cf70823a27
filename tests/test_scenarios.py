"""Scenarios: profiles of kinds of service (tests/scenario_profiles.py, written for these tests)
assessed on the bundled rules, each checked for its band range, cap, stage, next actions and
legal-form output, and for what the written report says about them."""

from __future__ import annotations

from typing import Any

import pytest
from scenario_profiles import (
    ANSWERED_LITTLE,
    RUNNING_MUTUAL,
    STATUTORY,
    TAKEN_OVER,
    TOP_DOWN_CUTS,
    WELL_PREPARED,
)

from spinout.answers.model import AnswersFile, Respondent, RulesRef
from spinout.engine.assess import assess
from spinout.record import replace
from spinout.report.build import render_report


def report(rs: Any, answers: dict[str, Any], fmt: str = "md") -> str:
    f = AnswersFile(RulesRef(rs.header.name, rs.header.version, rs.digest),
                    Respondent("frontline"), answers, updated="2026-03-01T09:00:00+00:00")
    return " ".join(render_report(rs, [f], fmt).split())


def no_fact_actions(rs: Any, a: Any) -> None:
    assert [x.question for x in a.next_actions if rs.question(x.question).fact] == []


def test_a_well_prepared_group_with_a_signed_contract(bundled_rules: Any) -> None:
    rs = bundled_rules
    a = assess(rs, WELL_PREPARED)
    assert (a.band, a.reach.low_band, a.reach.high_band) == ("ready", "ready", "ready")
    assert a.capped_by == () and not a.provisional and a.reach.narrowing == ()
    assert (a.stage.id, a.stage.index, a.stage.high) == ("launch_run", 5, 5)
    assert not a.stage.running and all(c.met for c in a.stage.criteria if c.kind == "exit")
    no_fact_actions(rs, a)
    assert a.forms.ranked and a.forms.conflicts == ()
    top = [f for f in a.legal_forms if f.rank == 1]
    assert {f.id for f in top} == {"community_interest_company", "community_benefit_society"}
    text = report(rs, WELL_PREPARED)
    assert "Could still be anywhere" not in text and "Provisional" not in text
    assert "(fit +9 (tied))" in text


def test_a_group_whose_host_is_taken_over(bundled_rules: Any) -> None:
    rs = bundled_rules
    a = assess(rs, TAKEN_OVER)
    assert (a.uncapped_band, a.band) == ("ready", "early")
    assert (a.reach.low_band, a.reach.high_band) == ("early", "early")
    assert a.capped_by == ("host_takeover_stopped",)
    (raised,) = a.barriers
    assert raised.facts and [e.ref for e in raised.evidence] == ["reorg_impact"]
    assert "reorg_impact" not in [x.question for x in a.next_actions]
    no_fact_actions(rs, a)
    assert a.stage.id == "launch_run" and a.forms.ranked
    text = report(rs, TAKEN_OVER)
    assert ("Held at this band by 1 barrier: A merger or takeover of the host has stopped the "
            "plans; the scores alone would give Ready to proceed") in text
    assert ("The cap lifts only when the facts behind A merger or takeover of the host has "
            "stopped the plans change (see the advice on how to respond)") in text
    assert "How to respond (this rests on facts" in text


def test_a_statutory_function(bundled_rules: Any) -> None:
    rs = bundled_rules
    a = assess(rs, STATUTORY)
    assert (a.uncapped_band, a.band) == ("ready", "not_ready")
    assert (a.reach.low_band, a.reach.high_band) == ("not_ready", "not_ready")
    assert set(a.capped_by) == {"statutory_core", "natural_monopoly_service",
                                "function_ruled_out"}
    assert all(b.facts for b in a.barriers)
    no_fact_actions(rs, a)
    assert {"natural_monopoly", "service_function", "statutory_function"}.isdisjoint(
        x.question for x in a.next_actions)
    assert a.stage.id == "approval_contract"
    assert not a.forms.ranked and a.forms.ruled_out_by == ("statutory_core",)
    text = report(rs, STATUTORY)
    assert ("Legal forms are not ranked: your answers raise The law reserves the main work for "
            "a public body, which rules out a mutual") in text
    assert "## Legal forms, best fit first" not in text and "(fit +9" not in text


def test_a_top_down_cost_cutting_plan(bundled_rules: Any) -> None:
    rs = bundled_rules
    a = assess(rs, TOP_DOWN_CUTS)
    assert (a.uncapped_band, a.band) == ("ready", "developing")
    assert a.capped_by == ("cost_cutting_top_down", "low_staff_motivation")
    motivation = next(b for b in a.barriers if b.id == "low_staff_motivation")
    assert [e.kind for e in motivation.evidence] == ["answer", "answer"]
    no_fact_actions(rs, a)
    assert {"who_started", "staff_involved_when"}.isdisjoint(x.question for x in a.next_actions)
    assert a.next_actions[1].question == "main_reason"
    assert (a.stage.id, a.stage.high) == ("explore", 0)
    assert a.forms.conflicts == ("charity_with_profit_shares",)
    assert {f.id for f in a.legal_forms if f.excluded} >= {"charitable_company",
                                                           "community_benefit_society"}
    text = report(rs, TOP_DOWN_CUTS)
    assert "Your wishes conflict: A charity that pays profits to staff." \
        in text
    assert "a charity cannot pay its profits to staff" in text


def test_a_running_mutual(bundled_rules: Any) -> None:
    rs = bundled_rules
    a = assess(rs, RUNNING_MUTUAL)
    assert (a.stage.id, a.stage.running, a.stage.complete) == ("sustain", True, False)
    assert a.capped_by == ("recompetition_unplanned",) and a.band == "developing"
    assert a.next_actions[0].question == "recompete_plan"
    assert a.next_actions[0].clears == ("recompetition_unplanned",)
    no_fact_actions(rs, a)
    text = report(rs, RUNNING_MUTUAL)
    assert "This group already runs the service as a mutual" in text
    assert "7. Run and sustain the mutual" in text
    assert "There is a plan for when the first contract ends" in text


def test_a_group_that_has_answered_little(bundled_rules: Any) -> None:
    rs = bundled_rules
    a = assess(rs, ANSWERED_LITTLE)
    assert a.provisional and a.confidence < rs.bands.min_confidence
    assert (a.reach.low_band, a.band, a.reach.high_band) == ("not_ready", "developing", "ready")
    assert len(a.reach.narrowing) == 3 and a.capped_by == ()
    assert (a.stage.index, a.stage.high) == (0, 4)
    assert "who_started" not in [x.question for x in a.next_actions]
    no_fact_actions(rs, a)
    assert not a.forms.ranked and a.forms.ruled_out_by == ()
    assert {"charity_wanted", "profits_to_staff", "board_makeup"} <= set(a.forms.questions)
    assert len({f.rank for f in a.legal_forms}) == 1
    text = report(rs, ANSWERED_LITTLE)
    summary = text[text.index("## Summary"):text.index("## Readiness by dimension")]
    assert summary.index("Provisional: only 7%") < summary.index("Readiness band (provisional)")
    assert "Could still be anywhere from Not ready to Ready to proceed" in summary
    assert rs.band("developing").description not in summary
    assert "between **1. Explore the idea** and **5. Get approval and a contract**" in text
    assert "Legal forms are not ranked: no answer yet separates them." in text


@pytest.mark.parametrize("fmt", ["html", "json"])
def test_every_format_carries_the_range_and_provisional_band(bundled_rules: Any,
                                                             fmt: str) -> None:
    text = report(bundled_rules, ANSWERED_LITTLE, fmt)
    if fmt == "json":
        assert '"provisional": true' in text and '"low": "not_ready"' in text
    else:
        assert "Provisional: only 7%" in text and "Could still be anywhere" in text


def test_a_group_of_these_profiles_reports_the_median_respondents_range(
        bundled_rules: Any) -> None:
    from scenario_profiles import PROFILES

    from spinout.engine.group import aggregate

    rs = replace(bundled_rules, header=replace(bundled_rules.header, min_group_size=2))
    files = [AnswersFile(RulesRef(rs.header.name, rs.header.version, rs.digest),
                         Respondent("frontline"), p) for p in PROFILES.values()]
    g = aggregate(rs, [(f, assess(rs, f.answers, actions=0)) for f in files])
    assert (g.band, g.band_range) == ("developing", ("early", "developing"))
    assert g.capped == 4
    assert "host_takeover_stopped" not in dict(g.caps)  # one respondent: below the minimum
    assert not g.provisional and g.stage_high >= [s.id for s in rs.stages].index(g.stage)
    text = " ".join(render_report(rs, files, "md").split())
    assert "from the median respondent's worst band to the median respondent's best" in text
    assert "A barrier held the band down for 4 of 6 respondents" in text


def test_the_terminal_summary_shows_range_provisional_caps_and_stage(bundled_rules: Any) -> None:
    import io

    from rich.console import Console

    from spinout.answers.model import new_answers
    from spinout.questionnaire import summary
    from spinout.report.build import individual

    def shown(answers: dict[str, Any]) -> str:
        con = Console(file=io.StringIO(), width=100, color_system=None)
        summary.show(con, individual(bundled_rules, new_answers(bundled_rules),
                                     assess(bundled_rules, answers)))
        return " ".join(con.file.getvalue().split())

    little = shown(ANSWERED_LITTLE)
    assert "Provisional: only 7%" in little and "Band (provisional): Developing" in little
    assert "Could still be anywhere from Not ready to Ready to proceed" in little
    assert "between 1. Explore the idea and 5. Get approval and a contract" in little
    taken = shown(TAKEN_OVER)
    assert "Held at this band by 1 barrier" in taken and "The cap lifts only when" in taken
    assert "This group already runs the service as a mutual" in shown(RUNNING_MUTUAL)
