"""Citations in reports: every one resolves to the seed line where its quote begins, each
passage gets one number, numbers run in reading order, and every finding is backed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spinout.answers.model import AnswersFile, Respondent, RulesRef
from spinout.answers.store import load
from spinout.report.build import render, report_on
from spinout.report.json_report import to_data
from spinout.report.model import Report
from spinout.ruleset.citations import normalise
from spinout.ruleset.loader import locate

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "fixtures" / "mini" / "rules"
ANSWERS = TESTS / "fixtures" / "answers"


def assert_citations_resolve(data: dict[str, Any], seeds: Path) -> None:
    """Each citation's quote begins on its line of the seed file, under its headline."""
    assert [c["n"] for c in data["citations"]] == list(range(1, len(data["citations"]) + 1))
    for c in data["citations"]:
        lines = (seeds / c["file"]).read_text(encoding="utf-8-sig").splitlines()
        assert 1 <= c["line"] <= len(lines)
        first = normalise(lines[c["line"] - 1])
        rest = normalise(" ".join(lines[c["line"] - 1:]))
        at = rest.find(normalise(c["quote"]))
        assert 0 <= at <= len(first), f"[{c['n']}] does not begin on line {c['line']}"
        if c["headline"] is not None:
            above = [normalise(x) for x in lines[:c["line"]]]
            assert normalise(c["headline"]) in above


def finding_refs(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every finding that must be backed by citations or marked editorial, in reading order."""
    for w in data.get("warnings", []):
        yield "warning", w
    for kind in ("dimensions", "barriers"):
        for item in data[kind]:
            yield kind, item
    yield "stage", data["stage"]
    for kind in ("legal_forms", "next_actions", "unknowns"):
        for item in data[kind]:
            yield kind, item


def assert_backed(data: dict[str, Any]) -> None:
    seen: list[int] = []
    numbers = {c["n"] for c in data["citations"]}
    for kind, item in finding_refs(data):
        assert item["refs"] or item["editorial"], f"{kind} {item} has no source"
        assert set(item["refs"]) <= numbers
        seen += [n for n in item["refs"] if n not in seen]
    assert seen == sorted(seen), "numbers are not given in reading order"
    assert set(seen) == numbers, "a citation is listed but never referred to"
    keys = [(c["source"], normalise(c["quote"])) for c in data["citations"]]
    assert len(keys) == len(set(keys)), "a passage has two numbers"


@pytest.fixture(scope="module")
def mini_seeds() -> Path:
    return locate(MINI).seeds


def test_individual_citations_resolve(mini_rules: Any, mini_seeds: Path) -> None:
    answers = load(ANSWERS / "report_individual.yaml", mini_rules).answers
    data = to_data(report_on(mini_rules, [answers]))
    assert_citations_resolve(data, mini_seeds)
    assert_backed(data)
    assert data["citations"][0] == {
        "n": 1, "source": "le_grand", "title": "Julian Le Grand tag archive",
        "publisher": None, "date": None, "file": "002_cb6408028f891994.txt", "line": 89,
        "headline": "Third Sector: “Pathfinder mutuals suffering mixed fortunes and need more "
                    "support mechanisms”",
        "quote": "Business Planning"}


def test_the_same_passage_cited_twice_gets_one_number(mini_rules: Any) -> None:
    report = report_on(mini_rules, [load(ANSWERS / "report_individual.yaml", mini_rules).answers])
    barrier = next(b for b in report.barriers if b.id == "weak_support")
    action = next(a for a in report.next_actions if a.question == "managers")
    assert barrier.refs == action.refs == (3,)
    quotes = [c.quote for c in report.citations]
    assert quotes.count("managers are the biggest barrier") == 1


def test_group_citations_resolve(mini_rules: Any, mini_seeds: Path) -> None:
    files = sorted((ANSWERS / "report_group").glob("*.yaml"))
    report = report_on(mini_rules, [load(f, mini_rules).answers for f in files])
    data = to_data(report)
    assert_citations_resolve(data, mini_seeds)
    assert_backed(data)


def test_the_resolution_check_would_catch_a_wrong_line(mini_rules: Any, mini_seeds: Path) -> None:
    answers = load(ANSWERS / "report_individual.yaml", mini_rules).answers
    data = to_data(report_on(mini_rules, [answers]))
    data["citations"][0]["line"] += 1
    with pytest.raises(AssertionError, match="does not begin"):
        assert_citations_resolve(data, mini_seeds)


def test_bundled_report_citations_resolve() -> None:
    from test_report_golden import typical_answers

    from spinout.errors import RulesError
    from spinout.ruleset.loader import load_ruleset

    try:
        rs = load_ruleset(None)
    except RulesError as exc:
        pytest.skip(f"the bundled rule set does not pass `spinout rules check` yet: {exc}")
    h = rs.header
    answers = AnswersFile(RulesRef(h.name, h.version, rs.digest), Respondent("frontline"),
                          typical_answers(rs))
    data = to_data(report_on(rs, [answers]))
    assert len(data["citations"]) > 20
    assert_citations_resolve(data, locate(None).seeds)
    assert_backed(data)


def _answers(rs: Any) -> st.SearchStrategy[dict[str, Any]]:
    def one(q: Any) -> st.SearchStrategy[Any]:
        choices: list[st.SearchStrategy[Any]] = []
        if q.type == "multi":
            choices.append(st.lists(st.sampled_from([o.value for o in q.options]), unique=True))
        elif q.options:
            choices.append(st.sampled_from([o.value for o in q.options]))
        elif q.type == "text":
            choices.append(st.text(max_size=30))
        else:
            choices.append(st.integers(int(q.min), int(q.max)))
        if q.dont_know:
            choices.append(st.just("dont_know"))
        return st.one_of(choices)

    return st.fixed_dictionaries({}, optional={q.id: one(q) for q in rs.questions})


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_answers_give_resolving_backed_citations(mini_rules: Any, mini_seeds: Path,
                                                     data: st.DataObject) -> None:
    answers = data.draw(_answers(mini_rules))
    af = AnswersFile(RulesRef("mini", "0.1", mini_rules.digest), Respondent("frontline"), answers)
    report: Report = report_on(mini_rules, [af])
    out = to_data(report)
    assert_citations_resolve(out, mini_seeds)
    assert_backed(out)
    for fmt in ("md", "html"):
        text = render(report, fmt)
        for c in report.citations:
            assert f"{c.n}. " in text if fmt == "md" else f'id="cite-{c.n}"' in text
