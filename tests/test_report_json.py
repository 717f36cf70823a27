"""JSON reports: valid against the shipped schema, deterministic to the byte, dated only by
the answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from spinout.answers.store import load
from spinout.record import replace
from spinout.report.build import render_report
from spinout.report.schema import schema, schema_text

TESTS = Path(__file__).resolve().parent
ANSWERS = TESTS / "fixtures" / "answers"
INDIVIDUAL_KEYS = ("format", "kind", "rules", "date", "service", "respondents", "respondent",
                   "overall", "band", "confidence", "weakest_dimension", "dimensions", "barriers",
                   "stage", "legal_forms", "next_actions", "unknowns", "comments", "citations",
                   "check_now", "glossary", "forms", "context")
GROUP_KEYS = ("roles", "spread", "disagreements", "warnings")


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    loaded = schema()
    jsonschema.Draft202012Validator.check_schema(loaded)
    return jsonschema.Draft202012Validator(loaded)


@pytest.fixture(scope="module")
def individual(mini_rules: Any) -> Any:
    return load(ANSWERS / "report_individual.yaml", mini_rules).answers


@pytest.fixture(scope="module")
def group(mini_rules: Any) -> list[Any]:
    return [load(p, mini_rules).answers for p in sorted((ANSWERS / "report_group").glob("*.yaml"))]


def errors(validator: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def test_individual_report_is_valid(validator: Any, mini_rules: Any, individual: Any) -> None:
    data = json.loads(render_report(mini_rules, [individual], "json"))
    assert errors(validator, data) == []
    assert tuple(data)[:len(INDIVIDUAL_KEYS)] == INDIVIDUAL_KEYS
    assert data["kind"] == "individual" and data["respondents"] == 1
    assert data["rules"]["name"] == "mini" and data["rules"]["digest"] == mini_rules.digest
    assert data["band"]["id"] == "mid" and data["weakest_dimension"] == "support"
    assert data["stage"]["id"] == "plan_stage"
    assert [f["id"] for f in data["legal_forms"]] == ["coop", "cic"]
    dims = {d["id"]: d for d in data["dimensions"]}
    assert sum(c["share"] for c in dims["planning"]["contributions"]) == \
        pytest.approx(dims["planning"]["score"], abs=0.1)


@pytest.mark.parametrize("comments", [False, True])
def test_group_report_is_valid_and_keeps_individual_keys(validator: Any, mini_rules: Any,
                                                         group: list[Any],
                                                         comments: bool) -> None:
    data = json.loads(render_report(mini_rules, group, "json", include_comments=comments))
    assert errors(validator, data) == []
    assert data["kind"] == "group" and data["respondents"] == 4
    assert set(INDIVIDUAL_KEYS + GROUP_KEYS) <= set(data)
    assert set(data["spread"]) == {"planning", "support"}
    assert data["comments_status"] == ("included" if comments else "not_requested")
    assert data["comments"] == []  # two of four wrote one: too few to show


def test_the_schema_tells_the_kinds_apart(validator: Any, mini_rules: Any, individual: Any,
                                          group: list[Any]) -> None:
    one = json.loads(render_report(mini_rules, [individual], "json"))
    many = json.loads(render_report(mini_rules, group, "json"))
    assert errors(validator, {**one, "roles": many["roles"]})
    del many["roles"]
    assert errors(validator, many)
    assert errors(validator, {**one, "citations": [{"n": 1}]})
    assert errors(validator, {**one, "overall": 101})


def test_same_input_gives_the_same_bytes(mini_rules: Any, individual: Any,
                                         group: list[Any]) -> None:
    for answers in ([individual], group):
        first = render_report(mini_rules, answers, "json")
        assert render_report(mini_rules, answers, "json") == first
    assert render_report(mini_rules, list(reversed(group)), "json") == \
        render_report(mini_rules, group, "json")


def test_the_date_comes_from_the_answers_only(mini_rules: Any, individual: Any) -> None:
    before = json.loads(render_report(mini_rules, [individual], "json"))
    assert before["date"] == "2026-01-31T10:20:00+00:00"
    later = replace(individual, updated="2027-05-05T05:05:05+00:00")
    after = json.loads(render_report(mini_rules, [later], "json"))
    assert after["date"] == "2027-05-05T05:05:05+00:00"
    assert {k: v for k, v in after.items() if k != "date"} == \
        {k: v for k, v in before.items() if k != "date"}
    started = replace(individual, updated=None)
    assert json.loads(render_report(mini_rules, [started], "json"))["date"] == \
        "2026-01-31T10:00:00+00:00"
    undated = replace(individual, updated=None, started=None)
    assert json.loads(render_report(mini_rules, [undated], "json"))["date"] is None


def test_floats_are_rounded(mini_rules: Any, individual: Any) -> None:
    text = render_report(mini_rules, [individual], "json")

    def floats(value: Any) -> list[float]:
        if isinstance(value, float):
            return [value]
        if isinstance(value, dict):
            return [f for v in value.values() for f in floats(v)]
        if isinstance(value, list):
            return [f for v in value for f in floats(v)]
        return []

    assert all(round(f, 3) == f for f in floats(json.loads(text)))


def test_the_schema_is_versioned_and_documented() -> None:
    from spinout.report.json_report import FORMAT

    loaded = json.loads(schema_text())
    assert loaded["properties"]["format"]["const"] == FORMAT
    missing = [k for k, v in loaded["properties"].items() if "description" not in v
               and "$ref" not in v and k not in ("stage",)]
    assert missing == []
