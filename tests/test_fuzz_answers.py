"""Fuzzing the answers loader: broken answers files load or fail with located problems.

A complete answers file (for the mini rule set, and one for the bundled rule set) is damaged
the way the rules fuzzer damages rule files. Loading must return checked answers or raise
AnswersError whose every problem names the file and a line inside it; whatever loads cleanly
must then assess without error. Arbitrary data shapes go through the validator the same way.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_fuzz_rules import mutate

from spinout.answers import store
from spinout.answers.model import AnswersFile, new_answers
from spinout.answers.validate import check_document
from spinout.engine.assess import assess
from spinout.errors import AnswersError, Problem
from spinout.yamlfile import Document


def complete_answers(rs: Any) -> AnswersFile:
    """An answer to every question: first option, range minimum, some text."""
    answers = new_answers(rs, role=rs.roles[0].id, respondent_id="fuzz")
    for q in rs.questions:
        if q.type == "multi":
            value: Any = [q.options[0].value]
        elif q.options:
            value = q.options[0].value
        elif q.type in ("number", "scale"):
            value = q.min if q.min is not None else 1
        else:
            value = "Some words: with [brackets], 'quotes' and a # hash."
        answers = answers.with_answer(q.id, value)
    return answers


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="spinout-fuzz-") as name:
        yield Path(name)


@pytest.fixture(scope="module")
def mini_file(mini_rules: Any, workdir: Path) -> bytes:
    path = workdir / "mini.yaml"
    store.save(path, complete_answers(mini_rules))
    assert store.load(path, mini_rules).errors == ()
    return path.read_bytes()


@pytest.fixture(scope="module")
def bundled_file(bundled_rules: Any, workdir: Path) -> bytes:
    path = workdir / "bundled.yaml"
    store.save(path, complete_answers(bundled_rules))
    assert store.load(path, bundled_rules).errors == ()
    return path.read_bytes()


def assert_located(problems: tuple[Problem, ...] | list[Problem], name: str,
                   lines: int) -> None:
    for problem in problems:
        assert problem.file == name, problem
        assert problem.message.strip(), problem
        if problem.line is None:
            assert "over the limit" in problem.message or "cannot read" in problem.message
            continue
        assert 1 <= problem.line <= lines + 1, problem
        assert problem.col is None or problem.col >= 1, problem


def load_and_assess(path: Path, rs: Any) -> None:
    lines = len(path.read_bytes().splitlines())
    try:
        checked = store.load(path, rs)
    except AnswersError as exc:
        assert exc.problems
        assert_located(exc.problems, str(path), lines)
        return
    assert checked.errors == ()
    assert_located(checked.warnings, str(path), lines)
    result = assess(rs, checked.answers.answers)
    assert result.overall is None or 0 <= result.overall <= 100
    assert all(s is None or (not math.isnan(s) and 0 <= s <= 100)
               for s in (d.score for d in result.dimensions))


@settings(max_examples=100)
@given(data=st.data())
def test_mini_answers_mutated(mini_rules: Any, mini_file: bytes, workdir: Path,
                              data: st.DataObject) -> None:
    path = workdir / "answers.yaml"
    path.write_bytes(mutate(mini_file, data))
    load_and_assess(path, mini_rules)


@settings(max_examples=60)
@given(data=st.data())
def test_bundled_answers_mutated(bundled_rules: Any, bundled_file: bytes, workdir: Path,
                                 data: st.DataObject) -> None:
    path = workdir / "answers.yaml"
    path.write_bytes(mutate(bundled_file, data))
    load_and_assess(path, bundled_rules)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
                    st.sampled_from(["dont_know", "none", "draft", "legal", "frontline",
                                     "mini", "has_plan", "format"]))
KEYS = st.one_of(st.sampled_from(["format", "rules", "respondent", "answers", "started",
                                  "updated", "name", "version", "digest", "questions",
                                  "role", "id", "has_plan", "plan_tested", "staff",
                                  "managers", "helpers", "comments", "nope"]),
                 st.integers(-3, 3), st.booleans())
SHAPES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)), max_leaves=20)


def _marks(data: Any, path: tuple[Any, ...] = (), marks: dict | None = None) -> dict:
    """Positions for every node, as the YAML reader would record them."""
    marks = {} if marks is None else marks
    marks[path] = (len(marks) + 1, 1)
    if isinstance(data, dict):
        for key, value in data.items():
            _marks(value, (*path, key), marks)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _marks(value, (*path, i), marks)
    return marks


@settings(max_examples=100)
@given(data=st.one_of(SHAPES, st.fixed_dictionaries(
    {"format": st.sampled_from([1, 1, "1", None]),
     "rules": st.one_of(SHAPES, st.fixed_dictionaries({"name": st.just("mini"),
                                                       "version": SCALARS,
                                                       "digest": SCALARS})),
     "respondent": SHAPES,
     "answers": st.dictionaries(KEYS, SHAPES, max_size=6)})))
def test_validator_takes_any_shape(mini_rules: Any, data: Any) -> None:
    marks = _marks(data)
    doc = Document("shape.yaml", data, marks)
    checked = check_document(doc, mini_rules)
    assert_located(checked.errors + checked.warnings, "shape.yaml", len(marks))
    if not checked.errors:
        assess(mini_rules, checked.answers.answers)


def test_mutations_do_break_answers(mini_rules: Any, mini_file: bytes, workdir: Path) -> None:
    """The fuzzer's damage is real: a bad value is reported at its line."""
    path = workdir / "broken.yaml"
    text = mini_file.decode()
    path.write_text(text.replace("has_plan: none", "has_plan: nothing"), encoding="utf-8")
    line = text[: text.index("has_plan: none")].count("\n") + 1
    with pytest.raises(AnswersError) as caught:
        store.load(path, mini_rules)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (str(path), line)
