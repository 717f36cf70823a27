"""The pure parts of the terminal questionnaire: folding to the width, the list's keys, the
review's lines and pages and what changed, glossary terms, and how sources are named."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinout.questionnaire import menu, review
from spinout.questionnaire.flow import ROLE, Flow, ReviewRow
from spinout.questionnaire.glossary import first_sentence, note
from spinout.questionnaire.layout import Item, fold
from spinout.questionnaire.prompts import option_items, special_items
from spinout.questionnaire.why import explain, source_name
from spinout.record import replace
from spinout.ruleset.loader import load_ruleset
from spinout.ruleset.model import GlossaryTerm, Source
from spinout.ruleset.terms import terms_in
from spinout.textsafe import strip_controls

BUNDLED = load_ruleset(None, check_citations=False)
WIDTHS = [60, 80, 100]


def words(lines):
    return " ".join(" ".join(lines).split())


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")),
               max_size=300), st.integers(min_value=24, max_value=200))
def test_folding_keeps_every_word_and_fits(text, width):
    """Lines fit whenever the width leaves MIN_TEXT columns after the indent."""
    lines = fold(text, width, "12 ")
    assert all(len(line) <= width for line in lines)
    shown = strip_controls(text)  # invisible and control characters are never shown
    assert "".join("".join(lines).split()) == "12" + "".join(shown.split())
    pieces = {piece for line in lines for piece in line.split()}
    # a word is broken only when it is longer than a whole line
    assert all(word in pieces for word in shown.split() if len(word) <= width - 3)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_bundled_question_and_option_fits_whole(width):
    for q in BUNDLED.questions:
        items = tuple(option_items(q) + special_items(q, True))
        drawn = menu.lines(menu.Menu("63", q.text, items, "(hint)", multi=True),
                           menu._State(0, set()), width)
        assert all(len(line) < width for _, line in drawn), q.id
        shown = words(line for _, line in drawn)
        assert " ".join(q.text.split()) in shown
        for item in items:
            assert " ".join(item.title.split()) in shown, (q.id, item.title)


def scale_menu(multi=False):
    items = tuple(Item(str(v), "") for v in range(11)) + (Item("d", "Don't know", True),
                                                          Item("?", "Why", True))
    return menu.Menu("1", "How sure?", items, "(hint)", multi=multi,
                     refusals={"<": "this is the first question"})


def test_numbers_move_to_their_option_and_ten_takes_two_digits():
    m, state = scale_menu(), menu._State(0, set())
    menu.press_digit(m, state, "7")
    assert (state.pointer, state.typed) == (7, "")
    menu.press_digit(m, state, "1")
    assert (state.pointer, state.typed) == (1, "1")  # 1, or the start of 10
    menu.press_digit(m, state, "0")
    assert (state.pointer, state.typed) == (10, "")
    menu.press_digit(m, state, "1")
    menu.press_digit(m, state, "5")  # no 15: a fresh 5
    assert state.pointer == 5


def test_special_keys_move_to_their_line_and_refused_keys_block_enter():
    m, state = scale_menu(), menu._State(3, set())
    menu.press_key(m, state, "d")
    menu.press_key(m, state, "k")  # "dk"
    assert (state.pointer, state.blocked, state.error) == (11, False, "")
    menu.press_key(m, state, "<")
    assert state.blocked and state.error == "this is the first question"
    menu.press_key(m, state, "x")
    assert state.blocked and state.error == (
        "use ↑/↓ or type a number, or d don't know, ? why we ask; then Enter")
    menu.move(m, state, -20)
    assert (state.pointer, state.blocked, state.last_option) == (0, False, 0)
    menu.move(m, state, 99)  # no wrapping round
    assert (state.pointer, state.last_option) == (12, 0)


def test_numbers_tick_in_a_tick_list():
    m = menu.Menu("1", "Which?", tuple(Item(str(i), f"Option {i}") for i in (1, 2, 3)),
                  "(hint)", multi=True)
    state = menu._State(0, set())
    for digit in "313":
        menu.press_digit(m, state, digit)
    assert state.ticked == {0}


# --- the review ----------------------------------------------------------------------------------


def finished_flow():
    flow = Flow.start(BUNDLED, {}, BUNDLED.roles[0].id)
    while flow.question is not None:
        q = flow.question
        choices = q.kind.prompt_choices(q)
        value = ([choices[0][0]] if q.kind.prompt(q) == "checkbox" else choices[0][0]
                 if choices else "" if q.is_comment else 7)
        flow = flow.answer(value)
    return flow


@pytest.mark.parametrize("width", WIDTHS)
def test_the_review_has_one_line_per_answer_that_fits(width):
    rows = finished_flow().review_rows()
    lines = review.lines(BUNDLED, rows, width)
    answers = [line for line in lines if line.number is not None]
    assert [line.number for line in answers] == list(range(len(rows)))
    assert len(lines) - len(answers) == len({r.section for r in rows if r.section})
    for line in answers:
        assert len(f"{line.number:>3}  {line.text}  {line.answer}") < width


@given(st.lists(st.integers(min_value=1, max_value=12), max_size=12),
       st.integers(min_value=3, max_value=40))
def test_pages_hold_every_line_in_order_and_never_end_on_a_heading(sections, height):
    lines = []
    for n, size in enumerate(sections):
        lines.append(review.Line(None, f"section {n}"))
        lines += [review.Line(len(lines), f"answer {len(lines)}") for _ in range(size)]
    pages = review.pages(lines, height)
    assert [line for page in pages for line in page] == lines
    assert all(len(page) <= height for page in pages)
    assert all(page[-1].number is not None for page in pages[:-1])


def test_changes_between_two_looks_at_the_review(mini_rules):
    flow = Flow.start(mini_rules, {"has_plan": "none", "staff": 4, "managers": 2,
                                   "helpers": [], "comments": ""}, "frontline")
    before = flow.review_rows()
    after = flow.change("has_plan").answer("draft").review_rows()
    found = review.changes(before, after)
    assert [(b.value, a.value) for b, a in found.changed] == [("none", "draft")]
    assert [r.step for r in found.added] == ["plan_tested"]
    assert found.removed == () and found.any
    assert review.changes(after, before).removed == found.added
    assert not review.changes(before, before).any


def test_answer_words(mini_rules):
    role = ReviewRow(0, ROLE, "", "Your role", "senior")
    assert review.answer_words(mini_rules, role) == "Senior manager"
    blank = ReviewRow(6, "comments", "People", "Anything else?", "")
    assert review.answer_words(mini_rules, blank) == review.NOTHING_ADDED
    missing = ReviewRow(1, "has_plan", "Planning", "Plan?", None)
    assert review.answer_words(mini_rules, missing) == "Not answered"


# --- glossary and sources ---------------------------------------------------------------------


def test_terms_are_found_as_whole_words_in_order_of_use():
    terms = {t.id: t for t in BUNDLED.glossary}
    found = terms_in(BUNDLED.glossary, "Has the host organisation talked to commissioners?")
    assert [t.id for t in found] == ["host", "commissioner"]
    assert terms_in(BUNDLED.glossary, "A ghost hosting commissionerly things") == ()
    assert first_sentence(terms["host"].definition).endswith("employs the staff.")
    assert note(terms["host"]).startswith("“host”: The council")


def test_the_bundled_glossary_explains_host_where_it_is_first_used():
    first = next(q for q in BUNDLED.questions_in_order()
                 if terms_in(BUNDLED.glossary, q.text, *(o.label for o in q.options)))
    assert terms_in(BUNDLED.glossary, first.text, *(o.label for o in first.options))


def test_sources_are_named_by_title_publisher_and_date_never_by_file():
    plain = Source(id="s", file="001_x.txt", title="An archive", publisher="A blog",
                   date="2011")
    assert source_name(plain) == "An archive. A blog, 2011"
    dated = Source(id="s", file="001_x.txt", title="An archive (2011-2012)",
                   publisher="A blog", date="2011–2012")
    assert source_name(dated) == "An archive (2011-2012). A blog"
    for q in BUNDLED.questions:
        for passage in explain(BUNDLED, q).passages:
            assert ".txt" not in passage.source


def test_an_unused_term_glossary_entry_is_found_by_its_other_forms(mini_rules):
    term = GlossaryTerm(id="m", term="manager", also=("managers",), definition="A boss.")
    rs = replace(mini_rules, glossary=(term,))
    assert terms_in(rs.glossary, "How much do your managers back it?") == (term,)
