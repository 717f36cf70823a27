"""The brief that opens every report, the options that shape a report (--brief, --service,
--no-appendix), and what every report says about the age of its sources."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from group_helpers import MINI

from spinout.__main__ import main
from spinout.report.brief import brief
from spinout.report.build import report_on

TESTS = Path(__file__).resolve().parent
ONE = TESTS / "fixtures" / "answers" / "report_individual.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_brief_holds_the_main_findings(mini_rules: Any) -> None:
    from spinout.answers.store import load

    report = report_on(mini_rules, [load(ONE, mini_rules).answers], service="Night team")
    b = brief(report)
    assert b.barriers == report.barriers[:3]
    assert all(not f.excluded for f in b.forms) and len(b.forms) <= 3
    assert b.actions == report.next_actions[:3]
    assert report.service == "Night team"
    labels = [c.label for c in b.remaining]
    assert len(labels) == len(set(labels)) and len(labels) <= 3


def test_brief_only_writes_the_brief(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "report", str(ONE), "--rules", str(MINI), "--brief")
    assert (code, err) == (0, "")
    assert "## In brief" in out and "What this means:" in out
    assert "## Summary" not in out and "## References" not in out
    code, out, _ = run(capsys, "report", str(ONE), "--rules", str(MINI), "--brief",
                       "--format", "html")
    assert code == 0 and 'id="brief"' in out and 'id="dimensions"' not in out
    code, _, err = run(capsys, "report", str(ONE), "--rules", str(MINI), "--brief",
                       "--format", "json")
    assert code == 2 and "JSON report always carries every finding" in err


def test_the_service_is_named_from_the_option_or_the_answers_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", str(ONE), "--rules", str(MINI), "--service",
                       "Night <team>", "--format", "html")
    assert code == 0 and "<dt>Service</dt><dd>Night &lt;team&gt;</dd>" in out
    named = tmp_path / "a.yaml"
    named.write_text(ONE.read_text(encoding="utf-8").replace(
        "answers:", 'service: "Day team"\nanswers:', 1), encoding="utf-8")
    code, out, _ = run(capsys, "report", str(named), "--rules", str(MINI))
    assert code == 0 and "- Service: Day team" in out
    bad = tmp_path / "b.yaml"
    bad.write_text(ONE.read_text(encoding="utf-8").replace(
        "answers:", "service: [1, 2]\nanswers:", 1), encoding="utf-8")
    code, _, err = run(capsys, "report", str(bad), "--rules", str(MINI))
    assert code == 1 and "`service` must be a short name in quotes" in err


def test_no_appendix_leaves_out_the_passages_and_their_links(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, full, _ = run(capsys, "report", str(ONE), "--rules", str(MINI), "--format", "html")
    code2, short, _ = run(capsys, "report", str(ONE), "--rules", str(MINI), "--format", "html",
                          "--no-appendix")
    assert code == code2 == 0
    assert 'id="appendix"' in full and 'href="#src-' in full
    assert 'id="appendix"' not in short and 'href="#src-' not in short
    assert 'href="#appendix"' not in short


def test_every_report_says_how_old_its_sources_are(bundled_rules: Any,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from spinout.answers.model import new_answers

    report = report_on(bundled_rules, [new_answers(bundled_rules, "frontline")])
    assert report.rules.sources_period and report.rules.reviewed
    from spinout.report.build import render

    for fmt in ("md", "html"):
        text = render(report, fmt)
        head = text[:text.index("In brief")]
        assert "England from 2010–2012" in head
        assert "last reviewed on" in head
    data = json.loads(render(report, "json"))
    assert data["rules"]["sources_period"] and data["rules"]["reviewed"]


def test_the_brief_shows_a_provisional_band_and_its_range(bundled_rules: Any) -> None:
    from spinout.answers.model import new_answers
    from spinout.report.build import render

    report = report_on(bundled_rules, [new_answers(bundled_rules, "frontline")])
    assert report.summary.band is not None and report.summary.band.provisional
    for fmt in ("md", "html"):
        text = render(report, fmt, brief_only=True)
        assert "Provisional: only" in text and "(provisional)" in text
        assert "put the service, provisionally, in the band" in text


def _terminal_summary(report: Any) -> str:
    import io

    from rich.console import Console

    from spinout.questionnaire.summary import show

    out = io.StringIO()
    show(Console(file=out, width=80, color_system=None, emoji=False, highlight=False), report)
    return out.getvalue()


def test_forms_not_yet_separated_are_never_shown_as_a_ranking(bundled_rules: Any) -> None:
    """With no answer yet, nothing separates the legal forms: the brief and the terminal
    summary say so, as the full report does, instead of listing a 'best fit'."""
    from spinout.answers.model import new_answers
    from spinout.report.build import render

    report = report_on(bundled_rules, [new_answers(bundled_rules, "frontline")])
    assert not report.forms.ranked and report.forms.questions
    assert brief(report).forms == ()
    for text in (render(report, "md", brief_only=True), render(report, "html", brief_only=True),
                 _terminal_summary(report)):
        assert "fit best" not in text and "(fit +0)" not in text
        assert "Legal forms are not ranked: no answer yet separates them" in " ".join(
            text.split())


def test_a_ranged_stage_is_given_as_its_range_in_what_this_means(bundled_rules: Any) -> None:
    from spinout.answers.model import new_answers
    from spinout.report import sentences as say
    from spinout.report.text import MD

    report = report_on(bundled_rules, [new_answers(bundled_rules, "frontline")])
    assert report.stage is not None and report.stage.ranged
    assert "The work is somewhere from stage 1 to stage" in say.meaning(report, MD)


def test_the_terminal_summary_lists_a_shared_criterion_once(bundled_rules: Any) -> None:
    from spinout.answers.model import new_answers

    report = report_on(bundled_rules, [new_answers(bundled_rules, "frontline")])
    labels = [c.label for c in report.stage.remaining] if report.stage else []
    assert len(labels) > len(set(labels))  # the stages share criteria
    shown = _terminal_summary(report)
    part = shown.split("Still to do before moving on:")[1].split("Legal forms")[0]
    items = [" ".join(x.split()) for x in part.split("•")[1:]]
    assert len(items) == len(set(items)) == len(set(labels))


def test_a_range_without_a_lowest_score_never_prints_a_dash(bundled_rules: Any) -> None:
    from spinout.answers.model import new_answers
    from spinout.report import sentences as say
    from spinout.report.text import MD

    report = report_on(bundled_rules, [new_answers(bundled_rules, "frontline")])
    band = report.summary.band
    assert band is not None and band.ranged and band.score_low is None
    line = say.band_range(band, MD)
    assert line.startswith("Could still be anywhere from") and "–" not in line
