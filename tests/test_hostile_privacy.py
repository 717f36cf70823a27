"""Small-group protection, attacked: no group report reveals one respondent's answers.

The attacks of issue 12, through the real CLI: a group below the minimum size; a figure only
one respondent stands behind in a large group; two reports differing by one respondent; a
folder padded with copies to unlock a suppressed role. A hypothesis test checks over random
groups that no figure resting on fewer respondents than the minimum is shown.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from group_helpers import answers_files, make_file
from hypothesis import given, settings
from hypothesis import strategies as st

from spinout.__main__ import main
from spinout.answers import store
from spinout.engine.assess import assess
from spinout.report.build import render, report_on
from spinout.values import is_real

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "rules"  # min_group_size: 3
GROUP = ROOT / "tests" / "fixtures" / "answers" / "report_group"


@pytest.fixture(scope="module")
def rs() -> Any:
    from spinout.ruleset.loader import load_ruleset

    return load_ruleset(MINI)


def _report(capsys: pytest.CaptureFixture[str], folder: Path, fmt: str = "json",
            *extra: str) -> Any:
    code = main(["report", str(folder), "--format", fmt, "--include-comments", *extra,
                 "--rules", str(MINI)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out) if fmt == "json" else out


def _write(folder: Path, rs: Any, files: list[Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, f in enumerate(files):
        store.save(folder / f"p{i:02}.yaml", f)
    return folder


def test_a_group_below_the_minimum_shows_no_figure(tmp_path: Path, rs: Any,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Two respondents: once, the lowest and highest gave each the other's exact scores."""
    folder = _write(tmp_path / "two", rs, [
        make_file(rs, "frontline", has_plan="none", managers=1, comments="I want out"),
        make_file(rs, "frontline", has_plan="agreed", managers=5, comments="All good")])
    data = _report(capsys, folder)
    assert data["withheld"] is True
    assert (data["overall"], data["band"], data["stage"], data["confidence"]) == (
        None, None, None, None)
    assert all(d["score"] is None for d in data["dimensions"])
    assert all(sp["suppressed"] for sp in data["spread"].values())
    for key in ("barriers", "legal_forms", "next_actions", "unknowns", "disagreements",
                "comments"):
        assert data[key] == [], key
    assert all(b["count"] is None for b in data["bands"])
    assert all(r["suppressed"] and r["count"] is None for r in data["roles"])
    for fmt in ("md", "html"):
        text = _report(capsys, folder, fmt)
        assert "Figures are withheld: fewer than 3 respondents answered" in text
        for leak in ("lowest", "highest", "out of 100", "I want out", "Readiness band (",
                     "Journey", "median score"):
            assert leak not in text, (fmt, leak)


def test_a_figure_one_respondent_stands_behind_is_withheld(
        tmp_path: Path, rs: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """Eleven respondents, one of whom alone answered the managers question (once shown as
    "Spread over 1 respondents: lowest 66.7 … highest 66.7")."""
    files = [make_file(rs, "frontline", has_plan="draft", staff=40 + i) for i in range(10)]
    files.append(make_file(rs, "senior", has_plan="none", managers=4, plan_tested=False,
                           staff=99, comments="Only I would say this"))
    folder = _write(tmp_path / "eleven", rs, files)
    data = _report(capsys, folder)
    assert data["spread"]["support"] == {"suppressed": True, "q1": None, "median": None,
                                         "q3": None, "scored": None}
    support = next(d for d in data["dimensions"] if d["id"] == "support")
    assert support["score"] is None
    assert [b["id"] for b in data["barriers"]] == []  # no_plan: one respondent
    assert all(d["question"] not in ("managers", "plan_tested") for d in data["disagreements"])
    assert data["comments"] == []
    roles = {r["role"]: r for r in data["roles"]}
    assert roles["senior"]["count"] is None and roles["senior"]["suppressed"]
    assert roles["frontline"]["suppressed"]  # the one other respondent is too few
    bands = {b["id"]: b["count"] for b in data["bands"]}
    assert bands["low"] is None
    text = _report(capsys, folder, "md")
    assert "Spread over 1" not in text and "66.7" not in text and "lowest" not in text
    assert "Manager support: withheld, too few respondents have a score" in text


def _differenced(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What a reader could learn about the one added respondent: every figure on bands,
    stages, barriers, legal forms and comments that differs between the two reports."""
    def figures(d: dict[str, Any]) -> dict[str, Any]:
        return {"bands": d["bands"] and [(b["id"], b["count"]) for b in d["bands"]],
                "band": d["band"] and d["band"]["id"],
                "stage": d["stage"] and d["stage"]["id"],
                "journey": d["stage"] and [(s["id"], s["count"]) for s in d["stage"]["journey"]],
                "barriers": [(b["id"], b["count"]) for b in d["barriers"]],
                "forms": [(f["id"], f["first"], f["excluded_count"]) for f in d["legal_forms"]],
                "comments": d["comments"]}

    old, new = figures(before), figures(after)
    return {k: (old[k], new[k]) for k in old if old[k] != new[k]}


def test_two_reports_differing_by_one_respondent_do_not_reveal_them(
        tmp_path: Path, rs: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """The added respondent's band, stage, barrier, legal form and comment differ from every
    other's; with six others every count stays where rounding puts it. (At a rounding
    boundary a count can move: the README states this limit.)"""
    others = [make_file(rs, "frontline", has_plan="agreed", managers=4, helpers=["finance"],
                        staff=40 + i) for i in range(6)]
    target = make_file(rs, "frontline", has_plan="none", managers=1, helpers=[], staff=12,
                       comments="Secret worry")
    before = _report(capsys, _write(tmp_path / "before", rs, others))
    after = _report(capsys, _write(tmp_path / "after", rs, [*others, target]))
    assert (before["respondents"], after["respondents"]) == (6, 7)
    assert _differenced(before, after) == {}
    assert "Secret worry" not in json.dumps(after)
    target_band = assess(rs, target.answers).band
    assert target_band != before["band"]["id"]


def test_padding_with_copies_never_unlocks_a_suppressed_role(
        tmp_path: Path, rs: Any, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "padded"
    shutil.copytree(GROUP, folder)  # three frontline staff, one senior manager
    senior = folder / "r4.yaml"
    text = senior.read_text(encoding="utf-8")
    for i in range(6):
        shutil.copyfile(senior, folder / f"copy{i}.yaml")
        (folder / f"renamed{i}.yaml").write_text(  # other id and date, same answers
            text.replace("respondent: {role: senior}",
                         f"respondent: {{role: senior, id: pad{i}}}").replace(
                "2026-02-01T12:00:00", f"2026-03-0{i + 1}T12:00:00"), encoding="utf-8")
    code = main(["report", str(folder), "--format", "json", "--rules", str(MINI)])
    out, err = capsys.readouterr()
    assert code == 0
    data = json.loads(out)
    assert data["respondents"] == 4
    senior_row = next(r for r in data["roles"] if r["role"] == "senior")
    assert senior_row == {"role": "senior", "label": "Senior manager", "count": None,
                          "suppressed": True}
    assert err.count("counted once") == 12


# --- the invariant over random groups ----------------------------------------------------------


def _check_shown(rs: Any, files: list[Any], data: dict[str, Any]) -> None:
    """Every figure in the JSON group report rests on at least the minimum of respondents."""
    k = rs.header.min_group_size
    n = len(files)
    found = [assess(rs, f.answers) for f in files]
    assert "min" not in json.dumps(data["spread"]) and "max" not in json.dumps(data["spread"])
    if n < k:
        assert data["withheld"] and data["band"] is None and data["stage"] is None
        assert data["overall"] is None and data["legal_forms"] == []
    for b in data["barriers"]:
        assert sum(1 for a in found if any(x.id == b["id"] for x in a.barriers)) >= k
    for b in data["bands"]:
        if b["count"] is not None:
            assert sum(1 for a in found if a.band == b["id"]) >= k
    if data["stage"] is not None:
        for s in data["stage"]["journey"]:
            if s["count"] is not None:
                assert sum(1 for a in found if a.stage.id == s["id"]) >= k
    for d in rs.dimensions:
        if not data["spread"][d.id]["suppressed"]:
            assert sum(1 for a in found
                       if next(x for x in a.dimensions if x.id == d.id).score is not None) >= k
    for r in data["roles"]:
        size = sum(1 for f in files if f.respondent.role == r["role"])
        assert (r["count"] is None) == (size < k)
        if not r["suppressed"]:
            assert size >= k and (n - size == 0 or n - size >= k)
    for d in data["disagreements"]:
        assert sum(1 for f in files if is_real(f.answers.get(d["question"]))) >= k
    for u in data["unknowns"]:
        assert u["count"] >= k
    for c in {c["question"] for c in data["comments"]}:
        assert sum(1 for f in files if str(f.answers.get(c) or "").strip()) >= k


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_no_figure_resting_on_fewer_than_the_minimum_is_shown(rs: Any, data: Any) -> None:
    files = data.draw(st.lists(answers_files(rs), min_size=2, max_size=12))
    report = report_on(rs, files, include_comments=True)
    shown = json.loads(render(report, "json"))
    _check_shown(rs, files, shown)
    markdown = render(report, "md")
    assert "lowest" not in markdown and "highest" not in markdown
