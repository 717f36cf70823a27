"""The appendix shows each cited line with a few lines either side, not whole documents."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from spinout.answers.store import load
from spinout.report.build import render_report, report_on
from spinout.report.model import SourceDoc
from spinout.report.refs import CONTEXT, excerpts

ANSWERS = Path(__file__).resolve().parent / "fixtures" / "answers" / "report_individual.yaml"


def doc(lines: list[str], cited: set[int]) -> SourceDoc:
    return SourceDoc("s", "s.txt", "A source", tuple(lines), frozenset(cited))


PARAGRAPHS = [f"Paragraph {i}." if i % 2 else "" for i in range(1, 41)]  # text on odd lines


def test_a_cited_line_comes_with_two_lines_either_side_blank_lines_left_out() -> None:
    (x,) = excerpts(doc(PARAGRAPHS, {21}))
    assert [n for n, _ in x.lines] == [19, 21, 23]
    assert (x.first, x.last) == (19, 23)
    assert dict(x.lines)[21] == "Paragraph 21."


def test_windows_that_overlap_or_are_parted_only_by_blank_lines_merge() -> None:
    near = excerpts(doc(PARAGRAPHS, {11, 15}))
    assert [[n for n, _ in x.lines] for x in near] == [[9, 11, 13, 15, 17]]
    touching = excerpts(doc(PARAGRAPHS, {11, 17}))  # 9–13 and 15–19, with line 14 blank
    assert len(touching) == 1
    apart = excerpts(doc(PARAGRAPHS, {5, 21}))
    assert [(x.first, x.last) for x in apart] == [(3, 7), (19, 23)]


def test_windows_stop_at_the_ends_of_the_document() -> None:
    lines = ["first", "second", "third"]
    assert [n for n, _ in excerpts(doc(lines, {1}))[0].lines] == [1, 2, 3]
    assert [n for n, _ in excerpts(doc(lines, {3}))[0].lines] == [1, 2, 3]


@given(st.lists(st.sampled_from(["", "text"]), min_size=1, max_size=60).map(
    lambda xs: ["cited" if i == 0 else x for i, x in enumerate(xs)]), st.data())
def test_every_cited_line_is_shown_once_and_nothing_far_from_one(lines: list[str],
                                                                 data: Any) -> None:
    text_lines = [i + 1 for i, x in enumerate(lines) if x]
    cited = set(data.draw(st.lists(st.sampled_from(text_lines), min_size=1)))
    shown = [n for x in excerpts(doc(lines, cited)) for n, _ in x.lines]
    assert shown == sorted(set(shown))
    assert cited <= set(shown)
    assert all(min(abs(n - c) for c in cited) <= CONTEXT for n in shown)
    assert all(lines[n - 1] for n in shown)


def test_the_html_appendix_is_excerpts_not_whole_documents(mini_rules: Any) -> None:
    answers = load(ANSWERS, mini_rules).answers
    text = render_report(mini_rules, [answers], "html")
    shown = re.findall(r'id="src-[a-z_]+-L\d+"', text)
    total = sum(len(seed.splitlines()) for seed in mini_rules.seeds.values())
    assert 0 < len(shown) < total / 4
    backs = re.findall(r'<a class="back" href="#cite-(\d+)" aria-label="([^"]*)">', text)
    assert backs and all(label == f"Back to reference {n}" for n, label in backs)


def test_a_reports_repr_leaves_out_the_appendix(mini_rules: Any) -> None:
    report = report_on(mini_rules, [load(ANSWERS, mini_rules).answers])
    assert report.appendix
    assert repr(report).startswith("Report(kind='individual', ")
    assert "appendix" not in repr(report) and repr(report.appendix[0]) not in repr(report)
    assert f"citations={report.citations!r}, group=None, " in repr(report)
