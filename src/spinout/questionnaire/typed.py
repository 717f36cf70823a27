"""A line to type an answer in, drawn with prompt_toolkit.

The question and its notes are folded to the terminal's width above the line; the hint and any
message about the last reply below it. Enter passes the line to ``check``, which returns the
result, or a ``str`` saying why the line cannot be accepted (shown until the next key).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from spinout.questionnaire import asking
from spinout.questionnaire.layout import fold
from spinout.record import Mutable, Record

PROMPT = "› "


class Typed(Record):
    mark: str
    text: str
    hint: str
    check: Callable[[str], Any]
    notes: tuple[str, ...] = ()
    default: str = ""


class _State(Mutable):
    error: str = ""
    answer: str | None = None


def head_lines(typed: Typed, state: _State, width: int) -> list[tuple[str, str]]:
    """The question and its notes (or, once answered, the answer) above the typing line."""
    width = max(1, width - 1)
    out = [("class:question", line) for line in fold(typed.text, width, typed.mark + " ")]
    indent = " " * (len(typed.mark) + 1)
    if state.answer is not None:
        return out + [("class:answer", line) for line in fold(state.answer, width,
                                                              indent + "→ ")]
    for note in typed.notes:
        out += [("class:note", line) for line in fold(note, width, indent)]
    return out


def tail_lines(typed: Typed, state: _State, width: int) -> list[tuple[str, str]]:
    width = max(1, width - 1)
    indent = " " * (len(typed.mark) + 1)
    out = [("class:hint", line) for line in fold(typed.hint, width, indent)]
    if state.error:
        out += [("class:error", line) for line in fold(state.error, width, indent)]
    return out


def ask(typed: Typed, io: Mapping[str, Any], shown: Callable[[Any], str | None] = str) -> Any:
    """Wait for a reply and return what ``check`` made of it; ``shown`` gives the words echoed
    for it (None erases the prompt). Ctrl-C raises KeyboardInterrupt, Ctrl-D on an empty line
    EOFError."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.buffer import Buffer
    from prompt_toolkit.document import Document
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.key_binding.defaults import load_key_bindings

    from spinout.questionnaire.style import style

    state = _State()
    buffer = Buffer(document=Document(typed.default, len(typed.default)), multiline=False)
    buffer.on_text_changed += lambda _: setattr(state, "error", "")
    kb = KeyBindings()
    app: Application[Any] = Application(key_bindings=merge_key_bindings(
        [load_key_bindings(), kb]), style=style(), **io)
    app.layout = _layout(typed, state, buffer, app)
    _bind(kb, typed, state, buffer, shown)
    return asking.ask(app)


def _layout(typed: Typed, state: _State, buffer: Any, app: Any) -> Any:
    """The question above the typing line, the hint and any message below it; the line and
    what is below it go once the question is answered."""
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.layout import (
        BufferControl,
        ConditionalContainer,
        FormattedTextControl,
        HSplit,
        Layout,
        VSplit,
        Window,
    )

    from spinout.questionnaire.style import formatted, width_of

    open_ = Condition(lambda: state.answer is None)
    indent = len(typed.mark) + 1
    line = VSplit([Window(FormattedTextControl([("class:prefix", " " * indent + PROMPT)]),
                          width=indent + len(PROMPT), dont_extend_width=True),
                   Window(BufferControl(buffer), wrap_lines=True, dont_extend_height=True)])
    return Layout(HSplit([
        Window(FormattedTextControl(lambda: formatted(head_lines(typed, state, width_of(app)))),
               dont_extend_height=True, wrap_lines=True),
        ConditionalContainer(line, filter=open_),
        ConditionalContainer(Window(FormattedTextControl(
            lambda: formatted(tail_lines(typed, state, width_of(app)))),
            dont_extend_height=True, wrap_lines=True), filter=open_),
    ]), focused_element=line.children[1])


def _bind(kb: Any, typed: Typed, state: _State, buffer: Any,
          shown: Callable[[Any], str | None]) -> None:
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.keys import Keys

    empty = Condition(lambda: buffer.text == "")
    kb.add(Keys.ControlC, eager=True)(lambda e: e.app.exit(exception=KeyboardInterrupt))
    kb.add(Keys.ControlD, filter=empty, eager=True)(lambda e: e.app.exit(exception=EOFError))

    @kb.add(Keys.ControlM, eager=True)
    @kb.add(Keys.ControlJ, eager=True)  # Enter typed ahead, before the terminal left line mode
    def _enter(event: Any) -> None:
        result = typed.check(buffer.text)
        if isinstance(result, str):
            state.error = result
            return
        state.answer = shown(result)
        event.app.erase_when_done = state.answer is None
        event.app.exit(result=result)
