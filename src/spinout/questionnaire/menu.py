"""A list to choose from (one item, or several ticked), drawn with prompt_toolkit.

The question, its notes and every item are folded to the terminal's width on each redraw, so
nothing is cut off. Keys: ↑/↓ move (without wrapping round), a number moves to that item (and
ticks it in a tick list), the key of a special line (``d``, ``?``, ``<``, ``g``) moves to that
line, Space ticks, Enter chooses. So every choice is "key, then Enter", as in a typed prompt, and
a stray key never answers by itself. Any other key says what the keys are. The outcome also says
which option the pointer was last on, so that the list can be shown again as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spinout.questionnaire import asking
from spinout.questionnaire.layout import Item, fold, item_lines, key_width
from spinout.record import Mutable, Record, field

TICKED, UNTICKED = "[x] ", "[ ] "


class Menu(Record):
    mark: str
    text: str
    items: tuple[Item, ...]
    hint: str
    notes: tuple[str, ...] = ()
    multi: bool = False
    start: int = 0
    ticked: frozenset[int] = frozenset()
    refusals: Mapping[str, str] = field(default_factory=dict)
    echoes: Mapping[str, str] = field(default_factory=dict)


class Outcome(Record):
    """The line chosen, the options ticked, and the option the pointer was last on."""

    pointer: int
    ticked: frozenset[int]
    last_option: int


class _State(Mutable):
    pointer: int
    ticked: set[int]
    last_option: int = 0
    typed: str = ""
    error: str = ""
    answer: str | None = None
    blocked: bool = False  # a key was refused: Enter answers nothing until the next move
    last_key: str = ""


def lines(menu: Menu, state: _State, width: int) -> list[tuple[str, str]]:
    """(style, text) of each line of the list as drawn ``width`` columns wide."""
    width = max(1, width - 1)  # never write in the last column
    out = [("class:question", line) for line in fold(menu.text, width, menu.mark + " ")]
    indent = " " * (len(menu.mark) + 1)
    if state.answer is not None:
        return out + [("class:answer", line) for line in fold(state.answer, width,
                                                              indent + "→ ")]
    for note in menu.notes:
        out += [("class:note", line) for line in fold(note, width, indent)]
    keys = key_width(list(menu.items))
    gap = False
    for i, item in enumerate(menu.items):
        if item.special and not gap:
            out.append(("", ""))
            gap = True
        box = "" if item.special or not menu.multi else (
            TICKED if i in state.ticked else UNTICKED)
        style = "class:pointed" if i == state.pointer else ""
        out += [(style, line) for line in item_lines(item, width, keys, i == state.pointer, box)]
    out += [("class:hint", line) for line in fold(menu.hint, width, indent)]
    if state.error:
        out += [("class:error", line) for line in fold(state.error, width, indent)]
    return out


def press_digit(menu: Menu, state: _State, digit: str) -> None:
    """Move to the item numbered as typed so far (two digits make 10); in a tick list, tick
    it once no longer number starts with what was typed."""
    typed = state.typed + digit
    state.blocked, state.last_key = False, digit
    numbered = [i for i, it in enumerate(menu.items) if not it.special]
    if not any(menu.items[i].key.startswith(typed) for i in numbered):
        typed = digit
    exact = next((i for i in numbered if menu.items[i].key == typed), None)
    longer = any(menu.items[i].key.startswith(typed) and menu.items[i].key != typed
                 for i in numbered)
    state.typed = typed if longer else ""
    if exact is None:
        state.error = f"there is no option {typed}" if not longer else ""
        state.blocked = not longer
        return
    state.pointer = state.last_option = exact
    state.error = ""
    if menu.multi and not longer:
        state.ticked ^= {exact}


def press_key(menu: Menu, state: _State, key: str) -> None:
    """``d`` (or another special line's key) moves to that line; a ``k`` after ``d`` (as in
    "dk") is taken as part of it; other keys explain the keys, and stop the next Enter from
    answering, so that a mistyped key never picks whatever the pointer is on."""
    state.typed = ""
    after, state.last_key = state.last_key, key
    target = next((i for i, it in enumerate(menu.items) if it.special and it.key == key.lower()),
                  None)
    if target is not None:
        state.pointer, state.error, state.blocked = target, "", False
    elif key.lower() == "k" and after.lower() == "d":
        return
    else:
        state.error = menu.refusals.get(key, keys_help(menu))
        state.blocked = True


def keys_help(menu: Menu) -> str:
    """What the keys are, for a key the list does not take."""
    specials = [f"{it.key} {SHORT.get(it.key, it.title)}" for it in menu.items if it.special]
    return ("use ↑/↓ or type a number" + (", or " + ", ".join(specials) if specials else "")
            + "; then Enter")


SHORT = {"d": "don't know", "?": "why we ask", "<": "back", "g": "glossary"}


def move(menu: Menu, state: _State, step: int) -> None:
    state.typed, state.error, state.blocked, state.last_key = "", "", False, ""
    state.pointer = min(len(menu.items) - 1, max(0, state.pointer + step))
    if not menu.items[state.pointer].special:
        state.last_option = state.pointer


def ask(menu: Menu, io: Mapping[str, Any]) -> Outcome:
    """Show the list and wait; Ctrl-C raises KeyboardInterrupt, Ctrl-D EOFError."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.formatted_text import to_formatted_text
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import FormattedTextControl, HSplit, Layout, Window

    from spinout.questionnaire.style import formatted, style, width_of

    state = _State(menu.start, set(menu.ticked), menu.start)
    kb = KeyBindings()
    app: Application[Outcome] = Application(key_bindings=kb, style=style(), **io)

    def text() -> Any:
        return to_formatted_text(formatted(lines(menu, state, width_of(app))))

    control = FormattedTextControl(text, focusable=True, show_cursor=False)
    app.layout = Layout(HSplit([Window(control, wrap_lines=True, dont_extend_height=True,
                                       always_hide_cursor=True)]))
    _bind(kb, menu, state, app)
    return asking.ask(app)


def _leave(app: Any, state: _State, answer: str | None) -> None:
    """Leave the list; the echo of the answer stays on screen, a special line's is erased."""
    state.answer = answer
    app.erase_when_done = answer is None
    app.exit(result=Outcome(state.pointer, frozenset(state.ticked), state.last_option))


def _bind(kb: Any, menu: Menu, state: _State, app: Any) -> None:
    from prompt_toolkit.keys import Keys

    kb.add(Keys.ControlC, eager=True)(lambda e: e.app.exit(exception=KeyboardInterrupt))
    kb.add(Keys.ControlD, eager=True)(lambda e: e.app.exit(exception=EOFError))
    kb.add(Keys.Up)(lambda e: move(menu, state, -1))
    kb.add(Keys.Down)(lambda e: move(menu, state, 1))
    kb.add(Keys.PageUp)(lambda e: move(menu, state, -len(menu.items)))
    kb.add(Keys.PageDown)(lambda e: move(menu, state, len(menu.items)))
    for digit in "0123456789":
        kb.add(digit)(lambda e, d=digit: press_digit(menu, state, d))

    @kb.add(Keys.ControlM)
    @kb.add(Keys.ControlJ)  # Enter typed ahead, before the terminal left line mode
    def _enter(event: Any) -> None:
        if state.blocked:  # the message about the refused key stays; the next Enter counts
            state.blocked = False
            return
        item = menu.items[state.pointer]
        if item.special:
            _leave(event.app, state, menu.echoes.get(item.key))
        elif menu.multi:
            titles = [menu.items[i].chosen for i in sorted(state.ticked)]
            _leave(event.app, state, ", ".join(titles) or "None of these")
        else:
            _leave(event.app, state, item.chosen)

    @kb.add(" ")
    def _space(event: Any) -> None:
        if menu.multi and not menu.items[state.pointer].special:
            state.ticked ^= {state.pointer}
            state.error, state.blocked, state.last_key = "", False, " "

    kb.add(Keys.Any)(lambda e: press_key(menu, state, e.data))
