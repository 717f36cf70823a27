"""Helpers for group tests: a copy of the mini rules with group warnings and a staff count
question, answers files, and hypothesis strategies for valid respondents."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

MINI = Path(__file__).resolve().parent / "fixtures" / "mini" / "rules"

GROUP_WARNINGS = """\
group_warnings:
  - id: senior_led
    title: Mostly senior managers answered
    message: Most respondents are senior managers; ask the wider workforce too.
    senior_share_at_least: 0.5
    cite:
      - source: le_grand
        quote: "managers are the biggest barrier"
  - id: low_participation
    title: Few of the staff have answered
    message: Fewer than half of the staff have answered.
    participation_below: 0.5
    editorial: true
  - id: small_group
    title: Small group
    message: Fewer people answered than the minimum group size.
    below_min_group_size: true
    editorial: true
"""


def group_rules_dir(base: Path, warnings: str = GROUP_WARNINGS,
                    staff_question: str | None = "staff") -> Path:
    """A copy of the mini rules under ``base`` with ``warnings`` and the staff count question."""
    target = base / "rules"
    shutil.copytree(MINI, target)
    header = (target / "ruleset.yaml").read_text(encoding="utf-8")
    if staff_question:
        header = header.replace("  min_group_size: 3\n",
                                f"  min_group_size: 3\n  staff_count_question: {staff_question}\n")
    (target / "ruleset.yaml").write_text(header, encoding="utf-8")
    if warnings:
        (target / "group_warnings.yaml").write_text(warnings, encoding="utf-8")
    return target


def make_file(rs: Any, role: str | None = None, rid: str | None = None, **answers: Any) -> Any:
    from spinout.answers.model import new_answers
    from spinout.record import replace

    return replace(new_answers(rs, role=role, respondent_id=rid), answers=dict(answers))


def pairs(rs: Any, files: list[Any]) -> list[tuple[Any, Any]]:
    from spinout.engine.assess import assess

    return [(f, assess(rs, f.answers)) for f in files]


def _value(q: Any) -> st.SearchStrategy[Any]:
    if q.type == "text":
        return st.sampled_from(["", "fine", "More training please.", "<b>x</b> [red]y[/red]"])
    if q.type == "multi":
        return st.lists(st.sampled_from([o.value for o in q.options]), unique=True)
    if q.options:
        return st.sampled_from([o.value for o in q.options])
    if q.type == "yes_no":
        return st.booleans()
    low, high = int(q.min), int(q.max)
    return st.one_of(st.integers(low, min(high, low + 20)),
                     st.floats(low, min(high, low + 20), allow_nan=False).map(
                         lambda x: round(x, 2)))


@st.composite
def answers_files(draw: Any, rs: Any) -> Any:
    """A valid answers file: each question answered, "don't know" (where allowed) or left out;
    follow-up questions may be answered even when they do not apply."""
    answers: dict[str, Any] = {}
    for q in rs.questions_in_order():
        choice = draw(st.sampled_from(["answer", "answer", "skip"] +
                                      (["dont_know"] if q.dont_know else [])))
        if choice == "answer":
            answers[q.id] = draw(_value(q))
        elif choice == "dont_know":
            answers[q.id] = "dont_know"
    role = draw(st.sampled_from([None, *(r.id for r in rs.roles)]))
    return make_file(rs, role, **answers)
