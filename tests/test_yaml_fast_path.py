"""The quick YAML reading (spinout.yamlfast) against the located builder it stands in for.

For every text, reading it the quick way and reading it with the builder alone must give the
same data (same types, same order) or the same refusals, word for word and at the same place;
a document read the quick way must give the builder's positions when asked, and checking it
as an answers file must give the same errors and warnings at the same places. The texts are
answers-file-like YAML in block and flow style with the constructs the builder refuses mixed
in, and real answers files damaged line by line.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st
from test_fuzz_answers import complete_answers
from test_fuzz_rules import mutate
from test_invariants import MINI_RS

from spinout import yamlfast, yamlfile
from spinout.answers import store
from spinout.answers.model import new_answers
from spinout.answers.validate import check_document
from spinout.errors import YamlFileError

SCALARS = [
    "word", "two words", "yes", "no", "on", "Off", "y", "n", "Y", "~", "null", "Null", "",
    "true", "True", "TRUE", "tRUE", "0x1F", "0o17", "017", "0b101", "1e3", "1.5e3", "+12",
    "-7", "3.0", ".inf", "-.Inf", ".NaN", "1_000", "12:30:00", "190:20:30", "=", "<<",
    "2026-01-31", "2026-02-30", "2026-1-31", "2026-01-31T10:00:00+00:00",
    "2026-01-31 10:00:00.5", "1000000000000000", "-1000000000000000", "1000000000000001",
    "99999999999999999999", "0x38D7EA4C68001", "'quoted'", "'it''s'", "'2026-01-31'",
    '"caf\\u00e9"', '"\\x41\\t\\n"', '"esc \\e"', '"\\x9b"', '"\\u2028"', '"\\0"', '"\\r"',
    '"a\\\\b"', '"12"', "R&D", "5 * 3", "Great!", "a # comment", "caf\u00e9", "x\u0085y",
    "!!str 12", "!!int '7'", "!!float '1'", "!!bool maybe", "!!bool 'yes'", "!!null x",
    "!!timestamp x", "!!timestamp '2026-01-31'", "!!python/name:os.system", "!local x",
    "! 12", "!!binary aGVsbG8=", "&a 1", "*a", "|\nblock text", ">-\nfolded\ntext", "- - x",
    "{}", "[]", "[1, 2, [3]]", "{a: 1, a: 2}", "{1: x, true: y}", "!!map {a: 1}",
    "!!seq {a: 1}", "!!set {a, b}", "!!omap [a: 1]", "!!str {a: 1}", "!!str [1]", "!!int [1]",
    "!!map [1]", "! {a: 1}", "! [1]", "? x", "[a, b", "'open",
]
KEYS = ["a", "b", "format", "answers", "rules", "'a'", '"b"', "1", "2", "true", "yes", "~",
        "1.5", "2026-01-31", "'quoted key'", "!!str k", "&k key", "*k", "<<", "=", "[x]",
        "{y: 1}", "? complex", '"\\e"', "0x1", "1000000000000001"]


def _deep(n: int) -> str:
    return "[" * n + "1" + "]" * n


scalars = st.sampled_from(SCALARS) | st.integers(58, 66).map(_deep)
keys = st.sampled_from(KEYS)
trees = st.recursive(
    scalars,
    lambda kids: st.lists(kids, max_size=4) | st.lists(st.tuples(keys, kids), max_size=4),
    max_leaves=25)


def _flow(node: Any) -> str:
    if isinstance(node, str):
        return node
    if node and isinstance(node[0], tuple):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in node) + "}"
    return "[" + ", ".join(_flow(v) for v in node) + "]"


def _block(node: Any, indent: int, flow_below: bool) -> list[str]:
    pad = " " * indent
    lines = []
    for item in node:
        head, value = (f"{item[0]}:", item[1]) if isinstance(item, tuple) else ("-", item)
        if isinstance(value, str):
            text = value.replace("\n", "\n" + pad + "  ")
            lines.append(f"{pad}{head} {text}".rstrip())
        elif not value or flow_below:
            lines.append(f"{pad}{head} {_flow(value) if value else '{}'}")
        else:
            lines.append(f"{pad}{head}")
            lines.extend(_block(value, indent + 2, flow_below))
    return lines


@st.composite
def texts(draw: st.DrawFn) -> bytes:
    """An answers-file-like text: a mapping (mostly) in block or flow style, dressed up."""
    body = draw(st.lists(st.tuples(keys, trees), min_size=1, max_size=6))
    block = draw(st.booleans())
    lines = _block(body, 0, draw(st.booleans())) if block else [_flow(body)]
    for _ in range(draw(st.integers(0, 2))):
        lines.insert(draw(st.integers(0, len(lines))), "# a comment & more *")
    text = "\n".join(lines) + "\n"
    text = draw(st.sampled_from(["", "---\n", "%YAML 1.1\n---\n"])) + text
    text += draw(st.sampled_from(["", "...\n", "---\nb: 2\n", "--- x\n"]))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    raw = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + raw) if draw(st.booleans()) else raw


@contextlib.contextmanager
def builder_only() -> Iterator[None]:
    with mock.patch.object(yamlfast, "quick_data", lambda text, escapes=False: (False, None)):
        yield


def _read(raw: bytes, escapes: bool = False) -> Any:
    try:
        return yamlfile.parse_yaml(raw, "f.yaml", escapes=escapes)
    except YamlFileError as exc:
        return [str(p) for p in exc.problems]


def assert_same(raw: bytes, escapes: bool = False) -> bool:
    """Quick and builder-only readings agree; True when the quick way read the text."""
    calls: list[tuple[bool, Any]] = []
    real = yamlfast.quick_data

    def spy(text: str, escapes: bool = False) -> tuple[bool, Any]:
        calls.append(real(text, escapes))
        return calls[-1]

    with mock.patch.object(yamlfast, "quick_data", spy):
        doc = _read(raw, escapes)
    quick, data = calls[0] if calls else (False, None)
    with builder_only():
        ref = _read(raw, escapes)
    if isinstance(ref, list):
        assert doc == ref and not quick, raw
        return False
    assert isinstance(doc, yamlfile.Document), (raw, doc)
    assert repr(doc.data) == repr(ref.data), raw
    if quick:
        assert repr(data) == repr(ref.data), raw
    assert dict(doc.marks) == dict(ref.marks) and dict(doc.keys) == dict(ref.keys), raw
    assert check_document(doc, MINI_RS) == check_document(ref, MINI_RS), raw
    return quick


@settings(max_examples=400)
@given(raw=texts(), escapes=st.booleans())
def test_quick_and_builder_agree_on_yaml_like_texts(raw: bytes, escapes: bool) -> None:
    assert_same(raw, escapes)


MINI_FILE = store.dump(complete_answers(MINI_RS)).encode("utf-8")


def _clean_file() -> bytes:
    answers = new_answers(MINI_RS, role="frontline", respondent_id="r1")
    for qid, value in (("managers", 4), ("has_plan", "draft"), ("helpers", ["legal"]),
                       ("comments", "Fine"), ("staff", 12.5), ("plan_tested", "dont_know")):
        answers = answers.with_answer(qid, value)
    return store.dump(answers).encode("utf-8")


@settings(max_examples=200)
@given(data=st.data())
def test_quick_and_builder_agree_on_damaged_answers_files(data: st.DataObject) -> None:
    assert_same(mutate(MINI_FILE, data))


def test_generated_texts_take_both_ways() -> None:
    """The generator is not vacuous: some of its texts are read the quick way, some not."""
    seen: set[bool] = set()

    @settings(max_examples=150, database=None)
    @given(raw=texts())
    def run(raw: bytes) -> None:
        seen.add(assert_same(raw))

    run()
    assert seen == {True, False}


def test_a_written_answers_file_is_read_the_quick_way_and_never_located() -> None:
    """A clean answers file is read without the builder; its positions are never needed."""
    with mock.patch.object(yamlfile, "_build", wraps=yamlfile._build) as build:
        doc = yamlfile.parse_yaml(_clean_file(), "team.yaml")
        checked = check_document(doc, MINI_RS)
    assert checked.errors == () and checked.warnings == ()
    assert build.call_count == 0
    assert assert_same(_clean_file())


def test_a_problem_reads_the_positions_once_and_from_the_builder() -> None:
    raw = MINI_FILE.replace(b"answers:\n", b"answers:\n  not_a_question: 1\n  other: 2\n")
    with mock.patch.object(yamlfile, "_build", wraps=yamlfile._build) as build:
        checked = check_document(yamlfile.parse_yaml(raw, "team.yaml"), MINI_RS)
    assert build.call_count == 1
    line = raw.decode().splitlines().index("  not_a_question: 1") + 1
    assert [(p.line, p.col, p.message) for p in checked.errors][:1] == [
        (line, 19, "unknown question `not_a_question`")]
    assert assert_same(raw)


def test_warnings_are_located_like_the_builder(tmp_path: Any) -> None:
    """A rule-set change warning (located on the digest) is the same both ways."""
    raw = re.sub(rb"\n    has_plan: \w+\n", b"\n    has_plan: 000000000000\n",
                 MINI_FILE.replace(MINI_RS.digest.encode(), b"sha256:" + b"0" * 64))
    path = tmp_path / "team.yaml"
    path.write_bytes(raw)
    quick = store.read(path, MINI_RS)
    with builder_only():
        ref = store.read(path, MINI_RS)
    assert quick.warnings and quick.warnings == ref.warnings and quick.errors == ref.errors
    digest_line = raw.decode().splitlines().index("  digest: sha256:" + "0" * 64) + 1
    assert [w.line for w in quick.warnings if "rule set has changed" in w.message] == [
        digest_line]


def test_refusals_come_from_the_builder() -> None:
    """Every construct the builder refuses is refused with its own words and place."""
    for raw in (b"a: 1\nb: &x 2\n", b"a: 1\nb: *x\n", b"a: 1\na: 2\n", b"a: {1: x, true: y}\n",
                b"a: !!python/name:os.system\n", b"a:\n  <<: {b: 1}\n", b"a: 2026-02-30\n",
                b"a: 1000000000000001\n", b'a: "\\e"\n', b"a: 1\n---\nb: 2\n", b"# only\n",
                b"a: !!str {b: 1}\n", b"a: !!str [1]\n", b"a: !!map [1]\n",
                b"a: " + _deep(65).encode() + b"\n", b"1.5: x\n", b"~: x\n", b"[a]: x\n"):
        assert not assert_same(raw), raw


def test_builder_refuses_bad_explicit_scalars_with_a_place() -> None:
    for raw, says in ((b"x: !!bool maybe\n", "`maybe` is not a valid bool"),
                      (b"x: !!timestamp hello\n", "`hello` is not a valid timestamp")):
        assert _read(raw) == [f"f.yaml:1:4: {says} — quote it if it is meant as text"]


def test_nesting_limit_is_the_builders_to_the_level() -> None:
    """Under the top mapping, 63 nested lists are read the quick way; 64 are refused."""
    assert assert_same(b"a: " + _deep(63).encode() + b"\n")
    assert not assert_same(b"a: " + _deep(64).encode() + b"\n")
    assert not assert_same(b"- " * 65 + b"x\n") and assert_same(b"- " * 64 + b"x\n")
