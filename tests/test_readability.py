"""Plain language: the bundled question and help texts meet GOV.UK-like reading ease, and the
Flesch counter behind the figures behaves as the formula says."""

from __future__ import annotations

import statistics

import pytest

from spinout.ruleset.loader import load_ruleset
from spinout.ruleset.readability import reading_ease, rule_texts, sentences, syllables

FLOORS = {"question texts": (80.0, 60.0), "help texts": (65.0, 40.0)}


@pytest.fixture(scope="module")
def texts() -> dict[str, list[tuple[str, str]]]:
    return rule_texts(load_ruleset(None, check_citations=False))


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_bundled_texts_meet_the_reading_ease_floor(texts, kind):
    want_median, want_min = FLOORS[kind]
    scores = {item_id: reading_ease(text).score for item_id, text in texts[kind]}
    below = {item_id: s for item_id, s in scores.items() if s < want_min}
    assert below == {}, f"{kind} below {want_min:g}: {below}"
    assert statistics.median(scores.values()) >= want_median


@pytest.mark.parametrize(("word", "count"), [
    ("cat", 1), ("made", 1), ("moved", 1), ("started", 2), ("agreed", 2), ("table", 2),
    ("service", 2), ("services", 3), ("people", 2), ("organisation", 5), ("commissioner", 4),
    ("NHS", 3), ("2012", 3), ("7", 1),
])
def test_syllable_counter_on_known_words(word, count):
    assert syllables(word) == count


def test_sentences_end_at_full_stops_question_and_exclamation_marks():
    assert sentences("One. Two? Three!") == 3
    assert sentences("No full stop") == 1
    assert sentences("It cost £1.5 million. Then more.") == 2


def test_reading_ease_follows_the_flesch_formula():
    ease = reading_ease("The cat sat on the mat. It was happy.")
    assert (ease.words, ease.sentences, ease.syllables) == (9, 2, 10)
    expected = 206.835 - 1.015 * 9 / 2 - 84.6 * 10 / 9
    assert ease.score == pytest.approx(expected, abs=0.05)


def test_longer_words_and_sentences_read_harder():
    plain = reading_ease("Do you have a plan? Is it written down?")
    dense = reading_ease("Has the organisation documented comprehensive operational "
                         "arrangements for implementation?")
    assert plain.score > 80 > 0 > dense.score
