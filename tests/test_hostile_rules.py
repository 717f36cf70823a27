"""A hostile rule set stays responsive: long quotes, long prompt text (timings in
benchmarks/bench_hostile.py; these check the bounds hold and the answers stay useful)."""

from __future__ import annotations

import io

from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from spinout.questionnaire.layout import MAX_PROMPT_TEXT
from spinout.questionnaire.prompts import Prompter
from spinout.questionnaire.replies import Reply
from spinout.record import replace
from spinout.ruleset.citations import MAX_NEEDLE, SourceText


def test_a_long_missing_quote_still_gets_the_closest_passage() -> None:
    filler = "\n".join(f"Line {i} says something ordinary about services." for i in range(4000))
    text = filler + "\nThe taskforce must help mutuals tackle five key issues.\n" + filler
    source = SourceText(text)
    quote = "The taskforce must help mutuals tackle five key isues. " + "And more. " * 200
    assert len(quote) > 2000 > MAX_NEEDLE
    line, passage = source.closest(quote)
    assert line == 4001 and passage.startswith("The taskforce must help mutuals")


def test_a_select_prompt_shows_long_text_cut_at_a_word(mini_rules) -> None:
    q = replace(mini_rules.question("has_plan"), text="word " * 4000)
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(24, 80), term="xterm")
    with create_pipe_input() as pipe:
        pipe.send_text("\r")
        pipe.close()
        assert Prompter(input=pipe, output=output).question(q, None, True) == Reply(
            "answer", "none")
    shown = " ".join(screen.getvalue().split())
    # drawn twice: while asking and with the answer
    assert "word…" in shown and shown.count("word") <= 2 * (MAX_PROMPT_TEXT // 5 + 1)
