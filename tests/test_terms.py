"""Which glossary terms a text uses (``spinout.ruleset.terms``): whole words in any case, never
run on into a longer or hyphenated word; the same answers as the pattern
``(?<![\\w-])word(?![\\w-])`` it stands for."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from spinout.ruleset.guidance import GlossaryTerm
from spinout.ruleset.terms import first_use, terms_in


def _pattern_first_use(text: str, word: str) -> int:
    found = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)
    return found.start() if found else -1


def test_a_word_is_used_only_where_it_stands_whole() -> None:
    assert first_use("a mutual's board", "mutual") == 2
    assert first_use("mutual", "mutual") == 0
    assert first_use("mutuality and non-mutual and mutual_fund", "mutual") == -1
    assert first_use("mutuality, then (mutual)", "mutual") == 17
    assert first_use("mutual-led", "mutual") == -1
    assert first_use("anything", "") == -1


def test_terms_come_in_order_of_first_use_by_any_form_and_in_any_case() -> None:
    host = GlossaryTerm(id="host", term="host", definition="d")
    cic = GlossaryTerm(id="cic", term="community interest company", also=("CIC",),
                       definition="d")
    unused = GlossaryTerm(id="tupe", term="TUPE", definition="d")
    found = terms_in((host, cic, unused), "Would a CIC suit?", "The Host agrees.")
    assert found == (cic, host)
    assert terms_in((host,), "A ghost hosting") == ()


def test_two_terms_used_at_the_same_place_keep_the_glossary_order() -> None:
    a = GlossaryTerm(id="a", term="mutual", definition="d")
    b = GlossaryTerm(id="b", term="mutual", also=("mutuals",), definition="d")
    assert terms_in((b, a), "mutual") == (b, a)


letters = st.sampled_from(list("ab-_ .'1é\u00df\n"))


@settings(max_examples=500)
@given(st.text(letters, max_size=30), st.text(letters, min_size=1, max_size=4))
def test_the_same_answer_as_the_pattern(text: str, word: str) -> None:
    assert first_use(text, word) == _pattern_first_use(text, word)
