"""Fuzzing the rules loader: broken copies of real rule files load or fail with located problems.

Mutations: a line deleted, duplicated or re-indented, two lines' indentation swapped, random
bytes inserted, a character replaced, the file truncated. Whatever the damage, loading returns
a RuleSet or raises RulesError whose every problem names its file, and a line inside it when
the problem is inside a file; any other exception fails.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinout.errors import Problem, RulesError, YamlFileError
from spinout.ruleset.loader import bundled_location, load_ruleset, rule_files
from spinout.yamlfile import Document, parse_yaml

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "rules"


def _delete(lines: list[bytes], i: int, data: st.DataObject) -> list[bytes]:
    return lines[:i] + lines[i + 1:]


def _duplicate(lines: list[bytes], i: int, data: st.DataObject) -> list[bytes]:
    return lines[:i + 1] + lines[i:]


def _reindent(lines: list[bytes], i: int, data: st.DataObject) -> list[bytes]:
    body = lines[i].lstrip(b" ")
    width = data.draw(st.integers(0, 12), label="indent")
    return [*lines[:i], b" " * width + body, *lines[i + 1:]]


def _swap_indentation(lines: list[bytes], i: int, data: st.DataObject) -> list[bytes]:
    j = data.draw(st.integers(0, len(lines) - 1), label="other line")
    out = list(lines)
    a, b = lines[i], lines[j]
    indent_a, indent_b = len(a) - len(a.lstrip(b" ")), len(b) - len(b.lstrip(b" "))
    out[i] = b[:indent_b] + a.lstrip(b" ")
    out[j] = a[:indent_a] + b.lstrip(b" ")
    return out


def _insert_bytes(lines: list[bytes], i: int, data: st.DataObject) -> list[bytes]:
    junk = data.draw(st.binary(min_size=1, max_size=8), label="bytes")
    at = data.draw(st.integers(0, len(lines[i])), label="at")
    return [*lines[:i], lines[i][:at] + junk + lines[i][at:], *lines[i + 1:]]


def _replace_char(lines: list[bytes], i: int, data: st.DataObject) -> list[bytes]:
    if not lines[i]:
        return lines
    at = data.draw(st.integers(0, len(lines[i]) - 1), label="at")
    char = data.draw(st.sampled_from(list(b":-[]{}&*!|>'\"#, \t\\%@`?0aZ")), label="char")
    return [*lines[:i], lines[i][:at] + bytes([char]) + lines[i][at + 1:], *lines[i + 1:]]


def _truncate(lines: list[bytes], i: int, data: st.DataObject) -> list[bytes]:
    cut = data.draw(st.integers(0, len(lines[i])), label="cut")
    return [*lines[:i], lines[i][:cut]]


MUTATIONS = [_delete, _duplicate, _reindent, _swap_indentation, _insert_bytes, _replace_char,
             _truncate]


def mutate(content: bytes, data: st.DataObject) -> bytes:
    lines = content.splitlines(keepends=True) or [b""]
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        if not lines:
            break
        how = data.draw(st.sampled_from(MUTATIONS), label="mutation")
        i = data.draw(st.integers(0, len(lines) - 1), label="line")
        lines = how(lines, i, data)
    return b"".join(lines)


def assert_located(problems: list[Problem], sizes: dict[str, int]) -> None:
    """Every problem names a file; a problem in a YAML file has a line inside it."""
    assert problems
    for problem in problems:
        assert problem.file, problem
        assert problem.message.strip(), problem
        if problem.file.endswith(".yaml"):
            name = Path(problem.file).name
            assert name in sizes, problem
            assert problem.line is not None, problem
            assert 1 <= problem.line <= sizes[name] + 1, problem
            assert problem.col is None or problem.col >= 1, problem


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="spinout-fuzz-") as name:
        yield Path(name)


def _fuzz_once(source: Path, work: Path, data: st.DataObject, citations: bool) -> None:
    rules = work / "rules"
    if rules.exists():
        shutil.rmtree(rules)
    shutil.copytree(source, rules)
    files = rule_files(rules)
    target = data.draw(st.sampled_from(files), label="file")
    target.write_bytes(mutate(target.read_bytes(), data))
    sizes = {p.name: len(p.read_bytes().splitlines()) for p in files}
    try:
        load_ruleset(rules, check_citations=citations)
    except RulesError as exc:
        assert_located(exc.problems, sizes)


@settings(max_examples=100)
@given(data=st.data())
def test_mini_rules_mutated(workdir: Path, data: st.DataObject) -> None:
    _fuzz_once(MINI, workdir, data, citations=True)


@settings(max_examples=50)
@given(data=st.data())
def test_bundled_rules_mutated(workdir: Path, data: st.DataObject) -> None:
    _fuzz_once(bundled_location().rules, workdir, data, citations=True)


YAMLISH = st.text(alphabet=st.sampled_from(list("ab1 :-[]{},&*!|>'\"#?\n\t%@`~.\\\u00e9\x00")),
                  max_size=200)


def _parse_located(raw: bytes) -> None:
    lines = raw.count(b"\n") + 1
    try:
        doc = parse_yaml(raw, "fuzz.yaml")
    except YamlFileError as exc:
        for problem in exc.problems:
            assert problem.file == "fuzz.yaml"
            if problem.line is not None:
                assert 1 <= problem.line <= lines + 1, problem
        return
    assert isinstance(doc, Document)
    assert doc.marks.get(()) is not None


@settings(max_examples=100)
@given(raw=st.binary(max_size=300))
def test_parse_random_bytes(raw: bytes) -> None:
    _parse_located(raw)


@settings(max_examples=100)
@given(text=YAMLISH)
def test_parse_yaml_like_text(text: str) -> None:
    _parse_located(text.encode("utf-8"))


def test_mutations_do_break_files(workdir: Path) -> None:
    """The fuzzer's damage is real: a deleted line of a rule file is reported, located."""
    rules = workdir / "check"
    shutil.copytree(MINI, rules)
    path = rules / "ruleset.yaml"
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:1] + lines[2:]))
    with pytest.raises(RulesError) as caught:
        load_ruleset(rules)
    assert_located(caught.value.problems, {path.name: len(lines) - 1})
