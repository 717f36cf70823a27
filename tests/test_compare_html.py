"""`spinout compare` as HTML: a before/after chart (a described SVG and a table with the same
values), checked on its structure without a browser (the axe-core audit in Chromium is
``benchmarks/a11y_audit.py``), and a golden file of two fixed reports.

After an intended change, rewrite the golden file with ``python -m pytest
tests/test_compare_html.py --update-golden`` and review the diff.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_compare import EARLIER, MINI, compare, later_answers
from test_report_a11y import Element, Tree
from test_report_golden import GOLDEN, check_golden

from spinout.answers.store import load
from spinout.report.build import render_report
from spinout.report.chart import LABEL_CHARS, pair_chart
from spinout.report.compare import Side, comparison
from spinout.report.compare_html import to_html

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def parse(text: str) -> Tree:
    tree = Tree()
    tree.feed(text)
    tree.close()
    return tree


def reports(rs: Any, tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The JSON reports of one respondent before and after (the plan agreed, managers won
    over)."""
    old = load(EARLIER, rs).answers
    new = load(later_answers(tmp_path), rs).answers
    return (json.loads(render_report(rs, [old], "json")),
            json.loads(render_report(rs, [new], "json")))


def html_of(old: dict[str, Any], new: dict[str, Any]) -> str:
    data = comparison(Side("earlier.json", old), Side("later.json", new))
    return to_html(data, new)


def table_rows(tree: Tree) -> list[list[str]]:
    """The rows of the chart's table, as a screen reader reads their cells."""
    rows = [e for e in tree.elements if e.tag == "tr" and e.inside("table", "pair-table")]
    cells = [e for e in tree.elements if e.tag in ("th", "td") and e.inside("table",
                                                                           "pair-table")]
    return [[c.text.strip() for c in cells if c.ancestors[-1] is row] for row in rows]


def svg(tree: Tree) -> Element:
    (found,) = [e for e in tree.elements if e.tag == "svg" and e.inside("figure")]
    return found


def test_output_suffix_and_format_option_give_html(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    later = later_answers(tmp_path)
    target = tmp_path / "moved.html"
    code, out, err = compare(capsys, str(EARLIER), str(later), "--rules", str(MINI), "-o",
                             str(target))
    assert (code, out, err) == (0, "", "")
    written = target.read_text(encoding="utf-8")
    assert written.startswith("<!DOCTYPE html>") and "<h1>What moved</h1>" in written
    code, out, _ = compare(capsys, str(EARLIER), str(later), "--rules", str(MINI), "--format",
                           "html")
    assert code == 0
    assert out == written
    code, _, err = compare(capsys, str(EARLIER), str(later), "--format", "pdf")
    assert code == 2 and "md, html, json" in err


def test_headings_in_order_and_one_main(mini_rules: Any, tmp_path: Path) -> None:
    tree = parse(html_of(*reports(mini_rules, tmp_path)))
    levels = [int(e.tag[1]) for e in tree.elements if e.tag in ("h1", "h2", "h3", "h4")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert [e.tag for e in tree.elements].count("main") == 1
    assert tree.elements[0].tag == "html" and tree.elements[0].attrs["lang"] == "en"


def test_chart_is_a_described_image_with_the_values_in_a_table(mini_rules: Any,
                                                               tmp_path: Path) -> None:
    tree = parse(html_of(*reports(mini_rules, tmp_path)))
    image = svg(tree)
    assert image.attrs["role"] == "img"
    titled = {e.attrs.get("id"): e for e in tree.elements if e.tag in ("title", "desc")
              and image in e.ancestors}
    assert titled[image.attrs["aria-labelledby"]].tag == "title"
    desc = titled[image.attrs["aria-describedby"]]
    assert desc.tag == "desc" and "higher is better" in desc.text and "table" in desc.text
    assert table_rows(tree) == [
        ["Score", "Before", "After", "Change"],
        ["Overall readiness", "44.2", "80.0", "+35.8, up: better"],
        ["Business planning", "45.0", "80.0", "+35.0, up: better"],
        ["Manager support", "42.5", "80.0", "+37.5, up: better"],
    ]
    drawn = " ".join(e.text for e in tree.elements if e.tag == "text" and image in e.ancestors)
    for value in ("44.2", "80.0", "45.0", "42.5", "higher is better", "Before", "After"):
        assert value in drawn


def edited(rs: Any, tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Planning has no score before; manager support falls to 0 after."""
    old, new = copy.deepcopy(reports(rs, tmp_path))
    old["dimensions"][0]["score"] = None
    new["dimensions"][1]["score"] = 0
    return old, new


def test_no_data_is_drawn_and_written_differently_from_zero(mini_rules: Any,
                                                            tmp_path: Path) -> None:
    tree = parse(html_of(*edited(mini_rules, tmp_path)))
    rows = {r[0]: r[1:] for r in table_rows(tree)}
    assert rows["Business planning"] == ["no data", "80.0", "not comparable: no data on one side"]
    assert rows["Manager support"] == ["42.5", "0.0", "−42.5, down: worse"]
    groups = [e for e in tree.elements if e.tag == "g" and "pair" in e.classes]
    marks = {g: [e for e in tree.elements if g in e.ancestors] for g in groups}
    planning, support = (next(g for g in groups if any(
        e.tag == "text" and name in e.text for e in marks[g])) for name in ("Business",
                                                                            "Manager"))
    missing = [e for e in marks[planning] if "missing" in e.classes]
    assert [e.tag for e in missing] == ["rect", "text"] and missing[1].text == "no data"
    zero = [e for e in marks[support] if e.tag == "rect" and "after" in e.classes]
    assert zero and not any("missing" in e.classes for e in marks[support])
    assert float(zero[0].attrs["width"]) > 0  # a stub at 0, not an empty track
    caption = next(e for e in tree.elements if e.tag == "figcaption").text
    assert "not a score of 0" in caption and "higher is better" in caption


def test_direction_of_change_is_in_words_not_only_colour(mini_rules: Any,
                                                         tmp_path: Path) -> None:
    old, new = edited(mini_rules, tmp_path)
    new["dimensions"].append({"id": "same", "name": "Steady", "score": 50.0})
    old["dimensions"].append({"id": "same", "name": "Steady", "score": 50.0})
    tree = parse(html_of(old, new))
    changes = {e.attrs["class"].split()[-1]: e.text for e in tree.elements
               if e.tag == "text" and "pair-change" in e.classes}
    assert changes == {"up": "▲ +35.8, up: better", "unknown": "not comparable: no data on one "
                       "side", "down": "▼ −42.5, down: worse", "same": "= ±0.0, no change"}
    cells = [e for e in tree.elements if e.tag == "td" and e.attrs.get("class")]
    for cell in cells:  # what a screen reader reads (the arrow is hidden) names the direction
        word = {"up": "better", "down": "worse", "same": "no change", "unknown": "no data"}
        assert word[cell.attrs["class"]] in cell.text


def test_long_names_wrap_in_the_chart_and_stay_whole_in_the_table(mini_rules: Any,
                                                                  tmp_path: Path) -> None:
    old, new = reports(mini_rules, tmp_path)
    name = ("External opposition, notably from trade unions, councillors, the local press "
            "and residents' groups")
    for side in (old, new):
        side["dimensions"][0]["name"] = name
    chart = pair_chart(comparison(Side("a", old), Side("b", new)))
    lines = [text for _, text in chart.pairs[1].lines]
    assert len(lines) > 1 and all(len(line) <= LABEL_CHARS for line in lines)
    assert " ".join(lines) == name
    baselines = [y for y, _ in chart.pairs[1].lines]
    assert baselines == sorted(baselines) and baselines[-1] < chart.pairs[1].before.y
    assert [r[0] for r in table_rows(parse(html_of(old, new)))][2] == name


def test_hostile_text_in_a_report_is_escaped(mini_rules: Any, tmp_path: Path) -> None:
    old, new = reports(mini_rules, tmp_path)
    for side in (old, new):
        side["dimensions"][0]["name"] = HOSTILE
        side["rules"]["title"] = HOSTILE
        side["rules"]["version"] = HOSTILE
    new["service"] = HOSTILE
    old["barriers"][0]["title"] = HOSTILE
    old["barriers"][0]["severity"] = '"><script>alert(2)</script>'
    text = html_of(old, new)
    tree = parse(text)
    assert not [e for e in tree.elements if e.tag in ("script", "img")]
    assert not [a for e in tree.elements for a in e.attrs if a.startswith("on")]
    assert "<script" not in text and text.count("&lt;script&gt;") >= 6
    names = [r[0] for r in table_rows(tree)]
    assert HOSTILE in names
    service = [e for e in tree.elements if e.tag == "dd"][0]
    assert service.text == HOSTILE


def test_date_in_words_and_sources_notice(mini_rules: Any, tmp_path: Path) -> None:
    tree = parse(html_of(*reports(mini_rules, tmp_path)))
    meta = {e.text: n for e, n in zip(
        [e for e in tree.elements if e.tag == "dt" and e.inside("header")],
        [e.text for e in tree.elements if e.tag == "dd" and e.inside("header")], strict=True)}
    assert meta["Earlier"] == "earlier.json, 31 January 2026, 1 respondent"
    assert meta["Later"] == "later.json, 1 July 2026, 1 respondent"
    notice = next(e for e in tree.elements if "notice" in e.classes)
    assert "check the current position" in notice.text


def test_compare_html_matches_golden(request: pytest.FixtureRequest, mini_rules: Any,
                                     tmp_path: Path) -> None:
    if not (GOLDEN / "compare.html").exists() and not request.config.getoption("--update-golden"):
        pytest.fail(f"{GOLDEN / 'compare.html'} is missing — run `python -m pytest "
                    f"tests/{Path(__file__).name} --update-golden` and review it")
    check_golden(request, "compare.html", html_of(*edited(mini_rules, tmp_path)))


names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300)
scores = st.none() | st.floats(0, 100, allow_nan=False)


@given(st.lists(st.tuples(names, scores, scores), max_size=8))
def test_chart_rows_never_overlap_and_bars_stay_on_their_track(rows: list[Any]) -> None:
    data = {"overall": comparison_change(50.0, None),
            "dimensions": [{"id": f"d{i}", "name": n, **comparison_change(a, b)}
                           for i, (n, a, b) in enumerate(rows)]}
    chart = pair_chart(data)
    bottom = 0.0
    for pair in chart.pairs:
        assert all(len(text) <= LABEL_CHARS for _, text in pair.lines)
        assert pair.lines[0][0] > bottom and pair.lines[-1][0] < pair.before.y
        assert pair.before.y < pair.after.y < pair.change_y < chart.height + 4
        for side in (pair.before, pair.after):
            assert side.width is None or 0 <= side.width <= chart.track[1] - chart.track[0]
            assert (side.width is None) == (side.value == "no data")
        assert pair.change
        bottom = pair.change_y


def comparison_change(old: float | None, new: float | None) -> dict[str, Any]:
    from spinout.report.compare import Change

    c = Change(old, new)
    return {"old": c.old, "new": c.new, "change": c.delta, "direction": c.direction}
