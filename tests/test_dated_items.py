"""Honest about age: the rule set says when its sources date from and when it was reviewed, and
every item that names a scheme, body, right or law carries the date it refers to (`as_of`)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from rule_items import validated

from spinout.ruleset.loader import load_ruleset
from spinout.ruleset.model import GlossaryTerm
from spinout.ruleset.schema import guidance as schema

RS = load_ruleset(None, check_citations=False)
KINDS = ("dimensions", "questions", "barriers", "stages", "legal_forms", "group_warnings",
         "glossary")
# Names of schemes, bodies, rights and laws, as the rule texts write them (case matters: "Act"
# is a law, "act" a verb).
NAMES = re.compile(r"|".join([
    r"\bAct\b", r"\bRegulations\b", r"\bRights? to\b", r"\bProgramme\b", r"\bCommission\b",
    r"\b[Tt]askforce\b", r"\bFair Deal\b", r"\bTUPE\b", r"\bRegime\b", r"\bPathfinder\b",
    r"\bMystery Shopper\b", r"\bInformation Service\b", r"\bTell us How\b", r"\bRegulator\b",
    r"\bPension Scheme\b", r"\badmission agreement", r"\bprimary care trust", r"\bPCT\b",
    r"\bAll Party\b", r"\bMinistry of\b", r"\bCo-operatives UK\b", r"\bMutual Ventures\b",
    r"\bTransition Institute\b", r"\bCo-operative Group\b", r"\bLocalism\b",
    r"\bEmployee Ownership Association\b", r"\bCIO\b", r"\bCompanies House\b",
]))


def strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in strings(v)]
    if isinstance(data, list | tuple):
        return [s for v in data for s in strings(v)]
    return []


def named(item: Any) -> list[str]:
    """The scheme, body, right and law names in an item's own words (not its quotes)."""
    data = {k: v for k, v in item.data().items() if k not in {"cite", "id", "as_of", "when"}}
    return sorted({m.group(0) for text in strings(data) for m in NAMES.finditer(text)})


def dated_items() -> list[tuple[str, Any, list[str]]]:
    """(kind, item, names) for every item that names a scheme, body, right or law."""
    return [(kind, item, names) for kind in KINDS for item in getattr(RS, kind)
            if (names := named(item))]


def test_the_header_gives_the_sources_period_and_review_date():
    assert RS.header.sources_period == "2010–2012"
    assert isinstance(RS.header.reviewed, datetime.date)
    assert RS.header.reviewed <= datetime.date.today()


def test_every_item_that_names_a_scheme_body_right_or_law_has_a_date():
    undated = [f"{kind} {item.id}: {', '.join(names)}" for kind, item, names in dated_items()
               if item.as_of is None]
    assert undated == []


def test_the_list_of_dated_items_covers_the_named_schemes():
    found = {item.id for _, item, _ in dated_items()}
    assert {"support_programmes", "right_to_provide", "no_specialist_support",
            "tender_bonds_history",
            "pensions_unresolved", "tupe", "community_interest_company"} <= found
    assert len(found) >= 40


def test_names_are_found_in_the_items_own_words_not_in_quotes_or_conditions():
    barrier = validated(schema.Barrier, {
        "id": "b", "title": "A title", "severity": "minor", "when": {"answer": "q", "is": True},
        "why": "The Localism Act 2011 applies.", "what_to_do": ["Act now."],
        "cite": [{"source": "s", "quote": "The Audit Commission said so."}]})
    assert named(barrier) == ["Act", "Localism"]
    plain = GlossaryTerm(id="t", term="host", definition="The body you work for now.")
    assert named(plain) == []


@pytest.mark.parametrize("value", [2012, "2011-2012", datetime.date(2025, 2, 24)])
def test_as_of_accepts_years_ranges_and_dates(value):
    term = validated(schema.GlossaryTerm, {"id": "t", "term": "x", "definition": "y",
                                           "as_of": value})
    assert term.as_of is not None and term.as_of[:4].isdigit()


@pytest.mark.parametrize("value", ["soon", "12", "2012 or so"])
def test_as_of_refuses_anything_else(value):
    with pytest.raises(ValueError):
        validated(schema.GlossaryTerm, {"id": "t", "term": "x", "definition": "y",
                                        "as_of": value})
