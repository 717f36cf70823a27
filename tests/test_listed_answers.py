"""Answers checked with one lookup: every answer a question lists (``listed_answers``, and the
rule-set index's table of them) is one its type accepts, and checking a file gives the same
result with the table as with the type's own check alone."""

from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st
from test_invariants import MINI_RS

from spinout.answers.validate import check_document
from spinout.qtypes import answer_error
from spinout.ruleset.loader import load_ruleset
from spinout.values import DONT_KNOW
from spinout.yamlfile import Document

BUNDLED = load_ruleset(None, check_citations=False)
RULE_SETS = (BUNDLED, MINI_RS)


def test_every_listed_answer_is_accepted_by_its_question() -> None:
    listed_somewhere = 0
    for rs in RULE_SETS:
        for q in rs.questions:
            listed = rs.index.listed_answers[q.id]
            if listed is None:
                continue
            listed_somewhere += 1
            for kind, value in listed:
                assert type(value) is kind
                assert answer_error(q, value) is None, (q.id, value)
            assert ((str, DONT_KNOW) in listed) == q.dont_know
    assert listed_somewhere > 10


def test_types_that_check_each_answer_list_none() -> None:
    kinds = {q.type: BUNDLED.index.listed_answers[q.id] for q in BUNDLED.questions}
    for name in ("multi", "number", "text"):
        if name in kinds:
            assert kinds[name] is None, name


values = st.one_of(st.booleans(), st.integers(-3, 6), st.sampled_from([0.0, -0.0, 1.0, 2.5]),
                   st.sampled_from(["yes", "no", DONT_KNOW, "", "a", "draft", "legal"]),
                   st.lists(st.sampled_from(["legal", "money", "x", DONT_KNOW]), max_size=3),
                   st.none(), st.dictionaries(st.just("a"), st.just(1), max_size=1))


@settings(max_examples=300)
@given(st.data())
def test_checking_with_the_table_is_checking_without_it(data: st.DataObject) -> None:
    rs = data.draw(st.sampled_from(RULE_SETS))
    ids = [q.id for q in rs.questions]
    answers = data.draw(st.dictionaries(st.sampled_from(ids), values, max_size=8))
    doc = Document("a.yaml", {"format": 1, "answers": answers}, {}, {})
    quick = check_document(doc, rs)
    with mock.patch("spinout.answers.validate._SIMPLE", ()):  # every answer by its type
        slow = check_document(doc, rs)
    assert quick == slow
