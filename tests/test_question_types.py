"""A question type is one module behind one interface.

This test writes a throw-away "percentage" type here, registers it through the public
interface and runs a question of that type through loading, validation of an answers file
and of a survey cell, assessment, a report and the paper form and CSV guide, without any
other module knowing the type exists.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from group_helpers import MINI

from spinout import qtypes
from spinout.__main__ import main
from spinout.qtypes.base import AnswerProblem, Trouble
from spinout.qtypes.number import Number
from spinout.ruleset.model import Question
from spinout.values import AnswerValue, format_number

QUESTION = """\
  - id: trained
    section: people
    text: What share of staff have had business training?
    help: Training makes the first year easier.
    type: percentage
    linear:
      planning: {at_min: 0, at_max: 100}
    editorial: true
"""


class Percentage(Number):
    """A share from 0% to 100%, typed with or without the % sign."""

    name = "percentage"
    description = "a share from 0% to 100%"

    def shape_error(self, q: Question) -> str | None:
        if q.min is not None or q.max is not None:
            return "a percentage runs from 0 to 100: remove `min` and `max`"
        if q.options:
            return "a percentage takes no `options`"
        return None

    def value_error(self, q: Question, value: AnswerValue) -> Trouble | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"`{value}` is not a percentage", "write a number from 0 to 100"
        if not 0 <= value <= 100:
            return f"{format_number(value)}% is out of range", "write a number from 0 to 100"
        return None

    def read(self, q: Question, text: str) -> AnswerValue:
        try:
            return super().read(q, text.removesuffix("%").strip())
        except AnswerProblem:
            raise AnswerProblem(f"`{text}` is not a percentage", "write it like 40%") from None

    def points(self, q: Question, value: AnswerValue, dims: tuple[str, ...]) -> dict[str, float]:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return {}
        return {d: s.at_min + value / 100 * (s.at_max - s.at_min) for d, s in q.linear.items()}

    def label(self, q: Question, value: AnswerValue) -> str:
        return f"{format_number(value)}%"

    def instruction(self, q: Question) -> str:
        return "Write a percentage from 0% to 100%."

    def accepts(self, q: Question) -> str:
        return "a percentage, like 40 or 40%"

    def typed_hint(self, q: Question) -> str:
        return "a percentage from 0 to 100"


@pytest.fixture
def percentage_rules(tmp_path: Path) -> Iterator[Path]:
    qtypes.register(Percentage())
    rules = tmp_path / "rules"
    shutil.copytree(MINI, rules)
    model = rules / "model.yaml"
    text = model.read_text(encoding="utf-8")
    model.write_text(text.replace("\nbarriers:", "\n" + QUESTION + "barriers:", 1),
                     encoding="utf-8")
    yield rules
    qtypes.unregister("percentage")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def answers_file(folder: Path, value: str) -> Path:
    path = folder / "a.yaml"
    path.write_text("format: 1\nrules: {name: mini, version: '0.1', digest: ''}\n"
                    f"respondent: {{role: frontline}}\nanswers:\n  has_plan: draft\n"
                    f"  trained: {value}\n", encoding="utf-8")
    return path


def test_a_new_type_loads_and_its_own_checks_run(percentage_rules: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "check", "--rules", str(percentage_rules))
    assert code == 0, out
    model = percentage_rules / "model.yaml"
    model.write_text(model.read_text(encoding="utf-8").replace(
        "    type: percentage\n", "    type: percentage\n    max: 10\n"), encoding="utf-8")
    code, _, err = run(capsys, "rules", "check", "--rules", str(percentage_rules))
    assert code == 1
    assert "a percentage runs from 0 to 100" in err


def test_an_unknown_type_is_refused_with_the_known_ones(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(MINI, rules)
    model = rules / "model.yaml"
    model.write_text(model.read_text(encoding="utf-8").replace(
        "\nbarriers:", "\n" + QUESTION + "barriers:", 1), encoding="utf-8")
    code, _, err = run(capsys, "rules", "check", "--rules", str(rules))
    assert code == 1
    assert "unknown question type `percentage`" in err
    assert "model.yaml:" in err


def test_answers_reports_and_forms_use_the_new_type(percentage_rules: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    rules = str(percentage_rules)
    bad = answers_file(tmp_path, "140")
    code, _, err = run(capsys, "report", str(bad), "--rules", rules)
    assert code == 1 and "140% is out of range" in err

    good = answers_file(tmp_path, "40")
    code, out, err = run(capsys, "report", str(good), "--rules", rules, "--format", "json")
    assert code == 0, err
    import json

    report = json.loads(out)
    planning = next(d for d in report["dimensions"] if d["id"] == "planning")
    trained = next(c for c in planning["contributions"] if c["question"] == "trained")
    assert trained["answer_label"] == "40%"
    assert trained["points"] == 40.0

    code, out, _ = run(capsys, "form", "--rules", rules)
    assert code == 0 and "Write a percentage from 0% to 100%." in out
    code, _, guide = run(capsys, "form", "--rules", rules, "--format", "csv")
    assert code == 0 and "trained: a percentage, like 40 or 40%" in guide


def test_survey_cells_are_read_by_the_new_type(percentage_rules: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_text("respondent_id,role,has_plan,trained\nr1,frontline,draft,35%\n"
                      "r2,frontline,draft,lots\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(survey), "-o", str(tmp_path / "out"),
                       "--rules", str(percentage_rules))
    assert code == 1
    assert "survey.csv:3:4: `lots` is not a percentage in column `trained` — write it like 40%" \
        in err
    survey.write_text("respondent_id,role,has_plan,trained\nr1,frontline,draft,35%\n",
                      encoding="utf-8")
    code, _, err = run(capsys, "import", str(survey), "-o", str(tmp_path / "out"),
                       "--rules", str(percentage_rules))
    assert code == 0, err
    assert "trained: 35" in (tmp_path / "out" / "r1.yaml").read_text(encoding="utf-8")
