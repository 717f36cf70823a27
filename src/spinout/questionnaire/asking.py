"""The one place a prompt is put to the respondent: questionary runs every prompt
application the questionnaire builds (lists in :mod:`menu`, typed lines in :mod:`typed`),
with ``unsafe_ask`` so that Ctrl-C arrives as KeyboardInterrupt and the session can save and
say how to carry on."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from prompt_toolkit.application import Application

T = TypeVar("T")


def ask(app: Application[T]) -> T:
    import questionary

    answer: T = questionary.Question(app).unsafe_ask()
    return answer
