"""Long screens a page at a time, so that a small terminal never scrolls past what the
respondent has not read: the review of answers and the glossary."""

from __future__ import annotations

from typing import Any

from spinout.questionnaire import review as model
from spinout.questionnaire import screens
from spinout.questionnaire.flow import ReviewRow
from spinout.questionnaire.layout import fold
from spinout.ruleset.model import RuleSet

RESERVED_ROWS = 9  # blank, title, the prompt (two lines), its line, hint, a message


def page_height(con: Any) -> int:
    """Lines of content a page may hold on this console."""
    return max(6, int(con.height) - RESERVED_ROWS)


def review(con: Any, prompter: Any, rs: RuleSet, rows: tuple[ReviewRow, ...],
           pages: bool = True) -> Any:
    """Show the review a page at a time (or, with ``pages`` False, only ask) until the
    respondent picks an answer to change or finishes; returns their ReviewChoice."""
    numbers = frozenset(r.number for r in rows)
    all_pages = model.pages(model.lines(rs, rows, con.width), page_height(con))
    index: int | None = 0 if pages else None
    while True:
        if index is not None:
            screens.review_page(con, all_pages[index], index, len(all_pages))
        more = index is not None and index < len(all_pages) - 1
        choice = prompter.review(numbers, more)
        if choice.kind == "next" and index is not None:
            index += 1
        elif choice.kind == "list":
            index = 0
        else:
            return choice


def show(con: Any, prompter: Any, entries: list[Any], title: str) -> None:
    """Print rich Text entries a page at a time, asking before each further page."""
    from rich.text import Text

    height = page_height(con)
    page: list[Any] = []
    used = 0
    chunks: list[list[Any]] = []
    for entry in entries:
        size = len(fold(entry.plain, con.width - 1))
        if page and used + size > height:
            chunks.append(page)
            page, used = [], 0
        page.append(entry)
        used += size
    chunks.append(page)
    for n, chunk in enumerate(chunks):
        con.print()
        con.print(Text(title + (f" (page {n + 1} of {len(chunks)})" if len(chunks) > 1 else ""),
                       style="bold"))
        for entry in chunk:
            con.print(entry)
        if n < len(chunks) - 1 and not prompter.more():
            break
    con.print()
