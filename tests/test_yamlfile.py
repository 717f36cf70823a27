"""spinout.yamlfile: plain data from untrusted YAML, with the position of every node.

Hostile input (tags, aliases, bombs, bad bytes) is covered through the CLI in
test_hostile_yaml.py; these tests pin the data, the positions and the limits.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from spinout import yamlfile
from spinout.errors import YamlFileError
from spinout.yamlfile import MAX_DEPTH, parse_yaml, read_yaml

MINI = Path(__file__).resolve().parent / "fixtures" / "mini" / "rules"

SAMPLE = b"""\
top:
  name: Plain text
  when: {answer: q1, is: true}
  items:
    - id: first
      text: >
        folded
        text
    - id: second
  date: 2024-01-31
  flags: [yes, No, ~, 3, 2.5, "7", '=']
"""


def refusal(raw: bytes) -> str:
    with pytest.raises(YamlFileError) as caught:
        parse_yaml(raw, "f.yaml")
    assert len(caught.value.problems) == 1
    return str(caught.value.problems[0])


def test_plain_values_are_typed_as_yaml_1_1_and_dates_stay_text() -> None:
    data = parse_yaml(SAMPLE, "f.yaml").data
    assert data == {"top": {
        "name": "Plain text",
        "when": {"answer": "q1", "is": True},
        "items": [{"id": "first", "text": "folded text\n"}, {"id": "second"}],
        "date": "2024-01-31",
        "flags": [True, False, None, 3, 2.5, "7", "="],
    }}


def test_every_node_has_its_line_and_column() -> None:
    doc = parse_yaml(SAMPLE, "f.yaml")
    assert doc.marks[()] == (1, 1)
    assert doc.marks[("top",)] == (2, 3)  # a block mapping starts at its first key
    assert doc.marks[("top", "name")] == (2, 9)  # a value on the key's line
    assert doc.marks[("top", "when", "is")] == (3, 26)
    assert doc.marks[("top", "items", 1)] == (9, 7)
    assert doc.marks[("top", "items", 0, "text")] == (6, 13)
    assert doc.marks[("top", "flags", 6)] == (11, 36)
    assert doc.keys[("top", "when", "is")] == (3, 22)
    assert doc.keys[("top", "items")] == (4, 3)


def test_locate_falls_back_to_the_deepest_existing_node_and_can_point_at_keys() -> None:
    doc = parse_yaml(SAMPLE, "f.yaml")
    assert doc.locate(("top", "items", 0, "missing", 3)) == (5, 7)
    assert doc.locate(("nowhere",)) == (1, 1)
    assert str(doc.problem(("top", "name"), "bad", "fix it", key=True)) == (
        "f.yaml:2:3: bad — fix it")
    assert str(doc.problem(("top", "name"), "bad", "fix it")) == "f.yaml:2:9: bad — fix it"


def test_a_value_on_the_next_line_is_located_at_its_key() -> None:
    doc = parse_yaml(b"a:\n  b:\n    plain text\n", "f.yaml")
    assert doc.data == {"a": {"b": "plain text"}}
    assert doc.marks[("a", "b")] == (2, 3)


def test_duplicate_key_names_the_line_of_the_first_key_not_of_its_value() -> None:
    assert refusal(b"a:\n  x: 1\nb: 2\na: 3\n") == (
        "f.yaml:4:1: duplicate key `a` (first given on line 1) — remove one of them; YAML "
        "would silently keep only the last")


def test_nesting_limit_is_exact() -> None:
    """The top mapping and MAX_DEPTH - 1 lists inside it are read; one more list is not."""
    deepest = b"a: " + b"[" * (MAX_DEPTH - 1) + b"]" * (MAX_DEPTH - 1) + b"\n"
    value, depth = parse_yaml(deepest, "f.yaml").data, 0
    while isinstance(value, dict | list) and value:
        value = next(iter(value.values())) if isinstance(value, dict) else value[0]
        depth += 1
    assert (value, depth) == ([], MAX_DEPTH - 1)
    too_deep = b"a: " + b"[" * MAX_DEPTH + b"]" * MAX_DEPTH + b"\n"
    assert refusal(too_deep) == (
        f"f.yaml:1:{3 + MAX_DEPTH}: nesting is deeper than {MAX_DEPTH} levels — flatten the "
        "structure")


@pytest.mark.parametrize(("raw", "message"), [
    (b"a: 1\nb: &x 2\n", "f.yaml:2:4: anchors (`&x`) are not allowed"),
    (b"a: !!binary aGk=\n", "f.yaml:1:4: the tag `tag:yaml.org,2002:binary` is not allowed"),
    (b"a: !!int nope\n", "f.yaml:1:4: `nope` is not a valid int"),
    (b"? {a: 1}\n: 2\n", "f.yaml:1:3: a mapping key must be a plain value"),
    (b"1.5: x\n", "f.yaml:1:1: a mapping key must be a word or a number"),
    (b"a: 1\n...\n---\nb: 2\n", "f.yaml:3:1: the file holds more than one YAML document"),
    (b"a:\n\t- b\n", "f.yaml:2:1: a tab is used for indentation"),
])
def test_refusals_are_located(raw: bytes, message: str) -> None:
    assert refusal(raw).startswith(message + " — ")


def test_a_tab_inside_a_line_is_not_indentation() -> None:
    assert parse_yaml(b"a: 'x\ty'\nb: 1 # a\tcomment\n", "f.yaml").data == {"a": "x\ty", "b": 1}


def test_byte_order_mark_and_crlf_are_accepted() -> None:
    doc = parse_yaml(b"\xef\xbb\xbfa: 1\r\nb:\r\n  - x\r\n", "f.yaml")
    assert doc.data == {"a": 1, "b": ["x"]}
    assert doc.marks[("b", 0)] == (3, 5)


def test_the_size_limit_is_checked_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" + b"#" * 100)
    assert read_yaml(path, "big.yaml", max_bytes=105).data == {"a": 1}
    with pytest.raises(YamlFileError) as caught:
        read_yaml(path, "big.yaml", max_bytes=104)
    assert str(caught.value) == ("big.yaml: file is 105 bytes, over the limit of 104 — split it "
                                 "into smaller files or remove unused content")


def test_an_unreadable_path_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(YamlFileError) as caught:
        read_yaml(tmp_path / "missing.yaml")
    assert str(caught.value).startswith(f"{tmp_path / 'missing.yaml'}: cannot read the file (")


def test_libyaml_is_used_when_installed() -> None:
    expected = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    assert yamlfile.loader_class() is expected


@pytest.mark.parametrize("path", sorted(MINI.glob("*.yaml")), ids=lambda p: p.name)
def test_pure_python_parser_gives_the_same_data_and_positions(
        path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = parse_yaml(path.read_bytes(), path.name)
    monkeypatch.setattr(yamlfile, "loader_class", lambda: yaml.SafeLoader)
    slow = parse_yaml(path.read_bytes(), path.name)
    assert (slow.data, slow.marks, slow.keys) == (fast.data, fast.marks, fast.keys)


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
_SCALARS = st.none() | st.booleans() | st.integers(-10**6, 10**6) | _TEXT | st.floats(
    allow_nan=False, allow_infinity=False, width=32)
_DATA = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(_TEXT, inner, max_size=4), max_leaves=12)


@given(st.dictionaries(_TEXT, _DATA, min_size=1, max_size=4),
       st.sampled_from([False, None]))
def test_any_plain_data_survives_a_round_trip(data: dict, flow: bool | None) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, width=40)
    assert parse_yaml(text.encode("utf-8"), "f.yaml").data == data
