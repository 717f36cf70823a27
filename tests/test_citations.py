"""Finding quotes in source documents after normalising typography, and naming the closest
passage when a quote is not there."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinout.ruleset.citations import SourceText, normalise

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DOC = """Headline one

The council\u2019s \u201cright to provide\u201d gave staff\u00a0a say \u2014 at last.
It   was  announced in 2011\u20132012.

Headline two
Employee ownership is not a panacea. Staff must want it.
"""


@pytest.mark.parametrize(("raw", "plain"), [
    ("\u2018single\u2019 and \u201cdouble\u201d", "'single' and \"double\""),
    ("a\u00a0b\u202fc\u2009d", "a b c d"),
    ("2011\u20132012 \u2014 then", "2011-2012 - then"),
    ("  runs\tof \n\n white   space ", "runs of white space"),
    ("wait\u2026", "wait..."),
    ("soft\u00adhyphen and zero\u200bwidth", "softhyphen and zerowidth"),
])
def test_normalise_folds_typography_and_white_space(raw: str, plain: str) -> None:
    assert normalise(raw) == plain


def test_a_quote_is_found_whatever_its_typography() -> None:
    text = SourceText(DOC)
    assert text.find("The council's \"right to provide\" gave staff a say - at last.") == 3
    assert text.find("announced in 2011-2012") == 4


def test_a_quote_may_run_over_line_breaks_and_blank_lines() -> None:
    text = SourceText(DOC)
    assert text.find("at last. It was announced") == 3
    assert text.find("in 2011-2012. Headline two Employee ownership") == 4


def test_a_quote_not_in_the_text_is_not_found() -> None:
    text = SourceText(DOC)
    assert text.find("Employee ownership is a panacea.") is None
    assert text.find("   ") is None


def test_closest_names_the_line_and_the_passage() -> None:
    text = SourceText(DOC)
    assert text.closest("Employee ownership is never a panacea") == (
        7, "Employee ownership is not a panacea.")


def test_closest_cuts_a_long_sentence_around_the_quote() -> None:
    long_line = ("Among many other things said on the day by the minister and the unions, staff "
                 "must want the change for it to succeed, and the board agreed with that view.")
    line, passage = SourceText("Title\n" + long_line).closest("staff must want change to succeed")
    assert line == 2
    assert passage.startswith("…") and passage.endswith("…")
    assert "staff must want the change" in passage and len(passage) < len(long_line) // 2


def test_headlines_are_found_and_articles_placed_under_them() -> None:
    text = SourceText(DOC, ("Headline one", "Headline two", "Headline three"))
    assert text.missing_headlines() == ["Headline three"]
    assert text.headline_at(4) == "Headline one"
    assert text.headline_at(7) == "Headline two"
    passage = text.passage("Staff must want it.")
    assert passage is not None and (passage.line, passage.headline) == (7, "Headline two")


@given(st.data())
def test_any_stretch_of_a_seed_is_found_on_its_first_line(data: st.DataObject) -> None:
    """Any run of whole words copied from a seed, with its own typography, is found, and on
    the line where it starts (or an earlier line with the same words)."""
    path = data.draw(st.sampled_from(sorted(SEEDS.glob("*.txt"))))
    lines = path.read_text(encoding="utf-8").splitlines()
    number = data.draw(st.sampled_from([i for i, line in enumerate(lines, 1)
                                        if len(line.split()) >= 3]))
    words = lines[number - 1].split()
    start = data.draw(st.integers(0, len(words) - 3))
    quote = " ".join(words[start:start + data.draw(st.integers(3, 12))])
    found = SourceText("\n".join(lines)).find(quote)
    assert found is not None and found <= number
    assert normalise(quote) in normalise(lines[found - 1] + " " + " ".join(lines[found:number]))
