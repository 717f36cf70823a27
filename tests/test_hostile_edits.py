"""Hand edits and links: an answers file changed during a session is never overwritten, and a
symbolic link to an answers file is written through, not replaced."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from test_questionnaire_session import FULL_RUN, flat, saved, session

from spinout.answers import store


def test_a_hand_edit_during_a_session_is_kept_and_the_session_saved_beside_it(
        mini_rules, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    s, prompter, con = session(mini_rules, path, FULL_RUN)
    edited = None

    def edit_text() -> str:
        nonlocal edited
        edited = path.read_text(encoding="utf-8").replace(
            "has_plan: draft", "has_plan: agreed  # checked with finance")
        return edited

    original = prompter._next

    def next_reply(asked, current=None):
        if asked == "managers":
            path.write_text(edit_text(), encoding="utf-8")
        return original(asked, current)

    prompter._next = next_reply
    result = s.run()
    assert path.read_text(encoding="utf-8") == edited  # the edit and its comment are kept
    side = tmp_path / "a.session.yaml"
    assert saved(side)["answers"] == result.answers
    assert result.answers["managers"] == 4 and result.answers["has_plan"] == "draft"
    assert f"{path} was changed outside this session" in flat(con)
    assert str(side) in flat(con)


def test_a_second_side_file_gets_a_free_name(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    (tmp_path / "a.session.yaml").write_text("x: 1\n", encoding="utf-8")
    assert store.side_path(path) == tmp_path / "a.session-2.yaml"


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")
def test_a_linked_answers_file_is_written_through(mini_rules, tmp_path: Path) -> None:
    elsewhere = tmp_path / "kept" / "answers.yaml"
    elsewhere.parent.mkdir()
    link = tmp_path / "a.yaml"
    link.symlink_to(elsewhere)
    s, _, _ = session(mini_rules, link, FULL_RUN)
    s.run()
    assert link.is_symlink() and os.readlink(link) == str(elsewhere)
    assert saved(elsewhere)["answers"]["comments"] == "ok"
    assert not list(tmp_path.glob("*.session*.yaml"))
