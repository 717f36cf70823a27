"""Golden reports: fixed answers give exactly the stored files, in every format.

After an intended change, rewrite them with ``python -m pytest tests/test_report_golden.py
--update-golden`` and review the diff.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest

from spinout.answers.model import AnswersFile, Respondent, RulesRef
from spinout.answers.store import load
from spinout.report.build import render_report

TESTS = Path(__file__).resolve().parent
GOLDEN = TESTS / "golden"
ANSWERS = TESTS / "fixtures" / "answers"
FORMATS = ("md", "html", "json")


def check_golden(request: pytest.FixtureRequest, name: str, text: str) -> None:
    path = GOLDEN / name
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(f"{path} is missing — run `python -m pytest {TESTS.name}/"
                    f"{Path(__file__).name} --update-golden` and review it")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(list(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                                 str(path), "now"))[:80])
        pytest.fail(f"{name} differs from the golden file (rerun with --update-golden if the "
                    f"change is intended):\n{diff}")


def group_answers(rs: Any) -> list[AnswersFile]:
    return [load(p, rs).answers for p in sorted((ANSWERS / "report_group").glob("*.yaml"))]


@pytest.mark.parametrize("fmt", FORMATS)
def test_individual_report_matches_golden(request: pytest.FixtureRequest, mini_rules: Any,
                                          fmt: str) -> None:
    answers = load(ANSWERS / "report_individual.yaml", mini_rules).answers
    check_golden(request, f"individual.{fmt}", render_report(mini_rules, [answers], fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_group_report_matches_golden(request: pytest.FixtureRequest, mini_rules: Any,
                                     fmt: str) -> None:
    text = render_report(mini_rules, group_answers(mini_rules), fmt, include_comments=True)
    check_golden(request, f"group.{fmt}", text)


def typical_answers(rs: Any) -> dict[str, Any]:
    """A fixed, middling answer to every question of a rule set (every seventh "don't
    know"), so a golden report exists for whatever the bundled questions are."""
    answers: dict[str, Any] = {}
    for i, q in enumerate(rs.questions_in_order()):
        if i % 7 == 3 and q.dont_know and q.type != "text":
            answers[q.id] = "dont_know"
        elif q.type == "multi":
            answers[q.id] = [o.value for o in q.options[:2]]
        elif q.options:
            answers[q.id] = q.options[len(q.options) // 2].value
        elif q.type == "yes_no":
            answers[q.id] = True
        elif q.type == "text":
            answers[q.id] = "We would like more say over how the service is run."
        else:
            low, high = q.min if q.min is not None else 0, q.max if q.max is not None else 100
            answers[q.id] = int(low + (high - low) // 2) if q.type == "scale" else \
                int(min(high, max(low, 40)))
    return answers


def _bundled() -> Any:
    from spinout.errors import RulesError
    from spinout.ruleset.loader import load_ruleset

    try:
        return load_ruleset(None)
    except RulesError as exc:
        pytest.skip(f"the bundled rule set does not pass `spinout rules check` yet: {exc}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_bundled_individual_report_matches_golden(request: pytest.FixtureRequest,
                                                  fmt: str) -> None:
    rs = _bundled()
    h = rs.header
    answers = AnswersFile(RulesRef(h.name, h.version, rs.digest), Respondent("frontline"),
                          typical_answers(rs), updated="2026-03-01T09:00:00+00:00")
    check_golden(request, f"bundled_individual.{fmt}", render_report(rs, [answers], fmt))
