"""The dimension chart of HTML reports: a score of 0, a dimension without answers and the
weakest dimension are each drawn, worded and described truthfully."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path
from typing import Any

import pytest

from spinout.answers.store import load
from spinout.record import replace
from spinout.report.build import report_on
from spinout.report.chart import NO_ANSWERS, Bar, Chart, chart
from spinout.report.html import environment, render

ANSWERS = Path(__file__).resolve().parent / "fixtures" / "answers" / "report_individual.yaml"
LONG = ("External opposition, notably from unions, campaigners, local politicians and anyone "
        "else who might object")


class ChartRows(html.parser.HTMLParser):
    """The chart table's caption and, per body row, its class, header text, value text and
    the SVG shapes of its bar."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.caption = ""
        self.rows: list[dict[str, Any]] = []
        self.hidden_text: list[str] = []
        self._in: list[str] = []
        self._table = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table" and "chart" in a.get("class", ""):
            self._table = True
        if not self._table:
            return
        self._in.append(tag)
        if tag == "tr" and "tbody" in self._in:
            self.rows.append({"class": a.get("class", ""), "th": "", "td": "", "shapes": []})
        elif tag in ("rect", "line", "pattern") and self.rows and "tbody" in self._in:
            self.rows[-1]["shapes"].append((tag, a))
        if a.get("aria-hidden") == "true":
            self._in.append("hidden")

    def handle_endtag(self, tag: str) -> None:
        if not self._table:
            return
        while self._in and self._in.pop() != tag:
            pass
        if tag == "table":
            self._table = False

    def handle_data(self, data: str) -> None:
        if not self._table:
            return
        if "hidden" in self._in:
            self.hidden_text.append(data)
        elif "caption" in self._in:
            self.caption += data
        elif self.rows and "th" in self._in:
            self.rows[-1]["th"] += data
        elif self.rows and "td" in self._in:
            self.rows[-1]["td"] += data


def rows_of(text: str) -> ChartRows:
    parser = ChartRows()
    parser.feed(text)
    parser.close()
    for row in parser.rows:
        row["th"], row["td"] = (re.sub(r"\s+", " ", row[k]).strip() for k in ("th", "td"))
    return parser


def report(rs: Any, answers: dict[str, Any]) -> Any:
    base = load(ANSWERS, rs).answers
    return report_on(rs, [replace(base, answers=answers)])


def fills(row: dict[str, Any]) -> list[dict[str, str]]:
    return [a for t, a in row["shapes"] if t == "rect" and "chart-fill" in a.get("class", "")]


def track(row: dict[str, Any]) -> dict[str, str]:
    return next(a for t, a in row["shapes"] if t == "rect" and "chart-track" in a["class"])


@pytest.fixture(scope="module")
def zero_and_missing(mini_rules: Any) -> tuple[Any, ChartRows]:
    """Business planning scores 0 (the weakest); Manager support has no answers."""
    r = report(mini_rules, {"has_plan": "none", "plan_tested": False})
    assert [(d.id, d.score) for d in r.dimensions] == [("planning", 0.0), ("support", None)]
    return r, rows_of(render(r))


def test_a_score_of_zero_is_an_empty_solid_track_and_the_number(
        zero_and_missing: tuple[Any, ChartRows]) -> None:
    planning = zero_and_missing[1].rows[0]
    assert planning["td"] == "0.0"
    assert fills(planning) == []
    assert track(planning)["fill"] == "#fff"
    assert "missing" not in track(planning)["class"]


def test_no_answers_is_hatched_and_worded_never_a_bar_of_zero(
        zero_and_missing: tuple[Any, ChartRows]) -> None:
    support = zero_and_missing[1].rows[1]
    assert support["td"] == NO_ANSWERS
    assert "missing" in support["class"]
    assert fills(support) == []
    hatch = track(support)
    assert "missing" in hatch["class"]
    pattern = next(a for t, a in support["shapes"] if t == "pattern")
    assert hatch["fill"] == f"url(#{pattern['id']})"


def test_the_weakest_is_marked_in_words_even_when_its_bar_is_empty(
        zero_and_missing: tuple[Any, ChartRows]) -> None:
    r, parsed = zero_and_missing
    assert r.summary.weakest.id == "planning"
    planning, support = parsed.rows
    assert planning["th"] == "Business planning weakest"
    assert "weakest" in planning["class"].split()
    assert "weakest" not in support["th"] and "weakest" not in support["class"]


def test_the_key_describes_only_marks_that_are_drawn(
        zero_and_missing: tuple[Any, ChartRows], mini_rules: Any) -> None:
    caption = zero_and_missing[1].caption
    assert "higher is better" in caption.lower() or "longer bars are better" in caption.lower()
    assert "marked “weakest”" in caption and "hatched" in caption
    assert "orange" not in caption and "middle half" not in caption
    full = rows_of(render(report(mini_rules, {"has_plan": "agreed", "plan_tested": True,
                                              "managers": 8})))
    assert all(row["td"] != NO_ANSWERS for row in full.rows)
    assert "hatched" not in full.caption
    assert "weakest" in full.caption


def test_bar_widths_are_the_scores_as_percentages(mini_rules: Any) -> None:
    r = load(ANSWERS, mini_rules).answers
    built = report_on(mini_rules, [r])
    parsed = rows_of(render(built))
    widths = [float(fills(row)[0]["width"].rstrip("%")) for row in parsed.rows]
    assert widths == [d.score for d in built.dimensions] == [45.0, 42.5]
    assert [row["td"] for row in parsed.rows] == ["45.0", "42.5"]


def test_long_names_are_never_cut_and_bars_are_hidden_from_screen_readers() -> None:
    c = Chart("Score by dimension, 0 to 100", "Score",
              (Bar("long", LONG, "12.5", 12.5, True, None, None),), (0, 50, 100), ("Key.",))
    parsed = rows_of(str(environment().get_template("macros.html.j2").module.chart(c)))
    assert parsed.rows[0]["th"] == f"{LONG} weakest"
    assert parsed.rows[0]["td"] == "12.5"
    assert "…" not in parsed.rows[0]["th"]
    assert " ".join(parsed.hidden_text).split() == ["0", "50", "100"]  # only the scale is hidden


def test_scores_outside_0_to_100_are_drawn_within_the_track(mini_rules: Any) -> None:
    built = load(ANSWERS, mini_rules).answers
    r = report_on(mini_rules, [built])
    d = replace(r.dimensions[0], score=130.0)
    bars = chart(replace(r, dimensions=(d,))).bars
    assert bars[0].width == 100.0 and bars[0].value == "130.0"


def test_a_dimension_without_answers_is_headed_as_such_not_with_a_dash(
        zero_and_missing: tuple[Any, ChartRows]) -> None:
    text = render(zero_and_missing[0])
    assert "Manager support: no answers yet" in text
    assert "Business planning: score 0.0 out of 100" in text
    assert "score – out of 100" not in text
