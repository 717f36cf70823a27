"""The end-of-questionnaire summary: content, width, colour and untrusted text."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from spinout.answers.model import new_answers
from spinout.engine.assess import assess
from spinout.questionnaire import summary
from spinout.record import replace
from spinout.report.build import individual

ANSI = re.compile(r"\x1b\[[0-9;]*m")
COMPLETE = {"has_plan": "draft", "plan_tested": True, "staff": 12, "managers": 2,
            "helpers": ["legal"], "comments": ""}


def shown(rs, a, width=80, color=True):
    con = Console(file=io.StringIO(), width=width, force_terminal=color, highlight=False,
                  color_system="truecolor" if color else None)
    summary.show(con, individual(rs, new_answers(rs), a))
    return con.file.getvalue()


def plain(text):
    return ANSI.sub("", text)


def colour_codes(text):
    """SGR parameters that set a colour (30–49, 90–107)."""
    found = []
    for params in re.findall(r"\x1b\[([0-9;]*)m", text):
        for p in params.split(";"):
            if p.isdigit() and (30 <= int(p) <= 49 or 90 <= int(p) <= 107):
                found.append(p)
    return found


def test_summary_shows_band_scores_barriers_stage_forms_and_actions(mini_rules):
    a = assess(mini_rules, COMPLETE)
    text = plain(shown(mini_rules, a))
    band = next(b.name for b in mini_rules.bands.levels if b.id == a.band)
    assert f"Band: {band}" in text
    assert f"Overall: {a.overall:.0f}/100 · confidence {a.confidence:.0%}" in text
    for d in a.dimensions:
        name = mini_rules.dimension(d.id).name
        line = next(x for x in text.splitlines() if x.startswith(name))
        assert summary.BAR_FULL in line and line.rstrip().endswith(f"{d.score:.0f}")
    assert "Major: Managers resist" in text  # support below 50
    assert "Stage 2 of 3: Plan" in text and "The plan is agreed" in text
    assert "1. Co-operative society" in text
    assert "Agree a business plan" in text  # the question's `action` text
    assert "clears Managers resist" in text


def test_capped_band_names_the_blocker(mini_rules):
    a = assess(mini_rules, {**COMPLETE, "has_plan": "none"})
    assert "Blocker: No business plan" in plain(shown(mini_rules, a))
    capped = replace(a, band="mid", uncapped_band="high", capped_by=("no_plan",))
    text = " ".join(plain(shown(mini_rules, capped)).split())
    assert "Band: Getting there" in text
    assert ("Held at this band by 1 barrier: No business plan; the scores alone would give"
            in text)


def test_dimensions_without_answers_say_so(mini_rules):
    text = plain(shown(mini_rules, assess(mini_rules, {})))
    assert text.count(summary.NOT_ENOUGH) == 3  # two dimensions and the overall score
    assert "Overall: not enough answers" in text
    assert ("No single change of answer would raise readiness on its own: the next step is "
            "to answer the questions still open.") in " ".join(text.split())


def test_actions_use_the_reports_sentence(mini_rules):
    from spinout.report.sentences import action

    report = individual(mini_rules, new_answers(mini_rules), assess(mini_rules, COMPLETE))
    text = " ".join(plain(shown(mini_rules, assess(mini_rules, COMPLETE), width=200)).split())
    for a in report.next_actions:
        assert action(a, report.summary.band.id, summary.PLAIN) in text


def test_excluded_legal_forms_are_not_listed(mini_rules):
    a = assess(mini_rules, {**COMPLETE, "helpers": ["finance"]})
    text = plain(shown(mini_rules, a))
    assert "Co-operative society" in text
    assert "Community interest company" not in text
    assert "no answer separates the forms not ruled out" in " ".join(text.split())


@pytest.mark.parametrize("width", [60, 80])
def test_summary_fits_the_terminal_width(mini_rules, width):
    for answers in (COMPLETE, {}, {**COMPLETE, "has_plan": "none", "managers": 5}):
        lines = plain(shown(mini_rules, assess(mini_rules, answers), width)).splitlines()
        assert max(len(line) for line in lines) <= width


def test_bars(mini_rules):
    assert summary.bar(0, 10) == summary.BAR_EMPTY * 10
    assert summary.bar(100, 10) == summary.BAR_FULL * 10
    assert summary.bar(55, 10) == summary.BAR_FULL * 6 + summary.BAR_EMPTY * 4


def test_no_color_means_no_colour_codes(mini_rules, monkeypatch):
    a = assess(mini_rules, {**COMPLETE, "has_plan": "none"})
    assert colour_codes(shown(mini_rules, a))  # the check can see colour when there is some
    monkeypatch.setenv("NO_COLOR", "1")
    text = shown(mini_rules, a)
    assert colour_codes(text) == []
    assert summary.BAR_FULL in text  # bars still drawn


def test_rule_text_is_never_markup_or_escapes(mini_rules):
    dims = list(mini_rules.dimensions)
    dims[0] = replace(dims[0], name="[red]Plan[/red] \x1b]0;pwned\x07ning")
    evil = replace(mini_rules, dimensions=tuple(dims))
    text = shown(evil, assess(evil, COMPLETE))
    assert "[red]Plan[/red] ning" in plain(text)
    assert "\x1b]0;" not in text and "pwned" not in text
