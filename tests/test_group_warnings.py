"""The `group_warnings` rule section and the staff count question: validated like the rest."""

from __future__ import annotations

import pytest
from group_helpers import GROUP_WARNINGS, group_rules_dir

from spinout.errors import RulesError
from spinout.ruleset.loader import load_ruleset


def _messages(exc: pytest.ExceptionInfo) -> str:
    return "\n".join(str(p) for p in exc.value.problems)


def test_group_rules_load_with_warnings_and_staff_question(tmp_path):
    rs = load_ruleset(group_rules_dir(tmp_path))
    assert [w.id for w in rs.group_warnings] == ["senior_led", "low_participation",
                                                 "small_group"]
    assert rs.header.staff_count_question == "staff"
    assert rs.group_warnings[0].senior_share_at_least == 0.5


def test_a_misquoted_warning_fails_the_citation_check(tmp_path):
    bad = GROUP_WARNINGS.replace('"managers are the biggest barrier"',
                                 '"managers are the largest barrier"')
    with pytest.raises(RulesError) as exc:
        load_ruleset(group_rules_dir(tmp_path, warnings=bad))
    text = _messages(exc)
    assert "group_warnings.yaml" in text and "quote not found" in text


def test_a_warning_needs_a_citation_or_editorial(tmp_path):
    bad = GROUP_WARNINGS.replace("    participation_below: 0.5\n    editorial: true\n",
                                 "    participation_below: 0.5\n")
    with pytest.raises(RulesError) as exc:
        load_ruleset(group_rules_dir(tmp_path, warnings=bad))
    assert "no citation" in _messages(exc)


def test_a_warning_needs_a_threshold(tmp_path):
    bad = GROUP_WARNINGS.replace("    below_min_group_size: true\n", "")
    with pytest.raises(RulesError) as exc:
        load_ruleset(group_rules_dir(tmp_path, warnings=bad))
    assert "needs a threshold" in _messages(exc)


def test_thresholds_are_shares(tmp_path):
    bad = GROUP_WARNINGS.replace("senior_share_at_least: 0.5", "senior_share_at_least: 50")
    with pytest.raises(RulesError) as exc:
        load_ruleset(group_rules_dir(tmp_path, warnings=bad))
    assert "group_warnings.yaml:" in _messages(exc)


def test_warning_ids_are_unique_across_kinds(tmp_path):
    bad = GROUP_WARNINGS.replace("id: small_group", "id: no_plan")
    with pytest.raises(RulesError) as exc:
        load_ruleset(group_rules_dir(tmp_path, warnings=bad))
    assert "used twice" in _messages(exc)


def test_an_unknown_source_is_named(tmp_path):
    bad = GROUP_WARNINGS.replace("source: le_grand", "source: le_grnd")
    with pytest.raises(RulesError) as exc:
        load_ruleset(group_rules_dir(tmp_path, warnings=bad))
    assert "unknown source `le_grnd`" in _messages(exc)


@pytest.mark.parametrize("question", ["has_plan", "nothing_here"])
def test_staff_count_question_must_be_a_number_question(tmp_path, question):
    with pytest.raises(RulesError) as exc:
        load_ruleset(group_rules_dir(tmp_path, staff_question=question))
    text = _messages(exc)
    assert "ruleset.yaml" in text and "is not a number question" in text
    assert "`staff`" in text


def test_warnings_show_in_rules_show(tmp_path, capsys):
    from spinout.__main__ import main

    rules = group_rules_dir(tmp_path)
    assert main(["rules", "show", "senior_led", "--rules", str(rules)]) == 0
    assert "managers are the biggest barrier" in capsys.readouterr().out


def test_bundled_warnings_cite_the_appg_on_senior_led_spin_outs(bundled_rules):
    by_id = {w.id: w for w in bundled_rules.group_warnings}
    assert {"senior_led", "low_participation", "small_group"} <= set(by_id)
    quotes = [c.quote for c in by_id["senior_led"].cite]
    assert "some spin-outs appear solely driven from very senior level" in quotes
    assert any("engaged only after the process had started" in q for q in quotes)
    seed = bundled_rules.seeds["mutualisation_archive"]
    assert all(q in seed for q in quotes)
    assert by_id["senior_led"].senior_share_at_least == 0.5
    assert by_id["low_participation"].participation_below == 0.5
    assert by_id["small_group"].below_min_group_size
