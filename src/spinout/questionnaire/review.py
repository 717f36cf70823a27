"""The review screen's model: one line per answer, section by section, cut into pages that fit
the terminal, and what changed between two looks at it. Pure: no terminal.

A line shows the question's number (the number it had when asked; the role is 0), its text and
the answer, each shortened with "…" to fit one line: the review is an index to the answers, and
typing a number opens the whole question again.
"""

from __future__ import annotations

from spinout.questionnaire.flow import ROLE, ReviewRow
from spinout.questionnaire.layout import plain
from spinout.record import Record
from spinout.ruleset.model import RuleSet
from spinout.values import clip, same

NOTHING_ADDED = "(nothing added)"
MIN_ANSWER = 12  # columns the answer always gets, when it is that long
NUMBER_WIDTH = 3


class Line(Record):
    """A section heading (``number`` None) or one answer."""

    number: int | None
    text: str
    answer: str = ""
    missing: bool = False


def answer_words(rs: RuleSet, row: ReviewRow) -> str:
    """The words for a row's answer: the role's label, "(nothing added)" for a blank comment,
    else the question type's label ("Not answered" when there is none)."""
    from spinout.qtypes import answer_label

    if row.step == ROLE:
        return plain(rs.role(row.value).label) if isinstance(row.value, str) else "Not answered"
    if row.value == "":
        return NOTHING_ADDED
    return plain(answer_label(rs.question(row.step), row.value))


def lines(rs: RuleSet, rows: tuple[ReviewRow, ...], width: int) -> list[Line]:
    """Every row on one line of at most ``width`` columns, under its section's name."""
    out: list[Line] = []
    section = None
    answers = [answer_words(rs, r) for r in rows]
    room = max(20, width - 1 - NUMBER_WIDTH - 2)
    answer_room = min(max((len(a) for a in answers), default=0),
                      max(MIN_ANSWER, room * 2 // 5))
    text_room = max(8, room - answer_room - 2)
    for row, answer in zip(rows, answers, strict=True):
        if row.section and row.section != section:
            section = row.section
            out.append(Line(None, clip(plain(section), room)))
        out.append(Line(row.number, clip(plain(row.text), text_room).ljust(text_room),
                        clip(answer, answer_room), row.value is None))
    return out


def pages(all_lines: list[Line], height: int) -> list[list[Line]]:
    """The lines cut into pages of at most ``height`` lines; a page never ends on a heading."""
    height = max(3, height)
    out: list[list[Line]] = []
    page: list[Line] = []
    for line in all_lines:
        if len(page) >= height:
            carry = [page.pop()] if page[-1].number is None else []
            out.append(page)
            page = carry
        page.append(line)
    if page:
        out.append(page)
    return out


class Changes(Record):
    """Between two looks at the review: answers that differ (before, after), questions now
    asked and questions no longer asked."""

    changed: tuple[tuple[ReviewRow, ReviewRow], ...]
    added: tuple[ReviewRow, ...]
    removed: tuple[ReviewRow, ...]

    @property
    def any(self) -> bool:
        return bool(self.changed or self.added or self.removed)


def changes(before: tuple[ReviewRow, ...], after: tuple[ReviewRow, ...]) -> Changes:
    old = {r.step: r for r in before}
    new = {r.step: r for r in after}
    changed = tuple((old[r.step], r) for r in after
                    if r.step in old and not same(old[r.step].value, r.value))
    added = tuple(r for r in after if r.step not in old)
    removed = tuple(r for r in before if r.step not in new)
    return Changes(changed, added, removed)

