"""Hostile and broken YAML in rule files and answers files.

Every case must end in one clear line naming the file (and the line, where there is one),
exit code 1, no traceback, nothing constructed or executed, and nothing written.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from spinout.__main__ import main
from spinout.answers import store
from spinout.answers.model import new_answers
from spinout.errors import AnswersError

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "rules"


@dataclass(frozen=True)
class Case:
    content: bytes
    says: str
    line: int | None

    def __repr__(self) -> str:  # short ids in pytest output
        return self.says


def _bomb(levels: int = 9) -> bytes:
    """The "billion laughs": 9 levels of 9 aliases expand to 9**9 strings if ever resolved."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def _dict_bomb() -> bytes:
    """An alias placed inside a mapping that is later aliased again (first alias on line 2)."""
    return b"a: &a {x: 1, y: 2}\nb: &b {p: *a, q: *a, r: *a}\nc: [*b, *b, *b, *b]\n"


PWNED = 'x: !!python/object/apply:os.system ["touch PWNED"]\n'
CASES = {
    "alias bomb": Case(_bomb(), "are not allowed", 1),
    "alias bomb in mappings": Case(_dict_bomb(), "are not allowed", 1),
    "a single alias": Case(b"first: here\nsecond: *here\n", "alias", 2),
    "merge key": Case(b"base: {a: 1}\nother:\n  <<: {a: 2}\n", "merge keys", 3),
    "python object apply": Case(PWNED.encode(), "tag", 1),
    "python object new": Case(b'x: 1\ny: !!python/object/new:os.system ["touch PWNED"]\n',
                              "tag", 2),
    "python name": Case(b"x: !!python/name:os.system\n", "tag", 1),
    "python module": Case(b"x: !!python/module:os\n", "tag", 1),
    "python tag on a mapping": Case(b"x:\n  y: !!python/object:os.Foo {a: 1}\n", "tag", 2),
    "python tag on a key": Case(b"!!python/name:os.system k: 1\n", "tag", 1),
    "local tag": Case(b"a: 1\nb: !include /etc/passwd\n", "tag", 2),
    "set tag": Case(b"x: !!set {a, b}\n", "tag", 1),
    "binary tag": Case(b"x: !!binary aGVsbG8=\n", "tag", 1),
    "duplicate key": Case(b"a: 1\nb: 2\na: 3\n", "duplicate key `a`", 3),
    "nested duplicate key": Case(b"a:\n  b: 1\n  c: 2\n  b: 3\n", "duplicate key `b`", 4),
    "latin-1 byte": Case("x: café\n".encode("latin-1"), "not valid UTF-8", 1),
    "utf-16": Case("x: 1\n".encode("utf-16"), "not valid UTF-8", 1),
    "bad byte late": Case(b"a: 1\nb: 2\nc: \xff\xfe\n", "not valid UTF-8", 3),
    "tab indentation": Case(b"a:\n  b: 1\n\tc: 2\n", "tab is used for indentation", 3),
    "empty": Case(b"", "empty", None),
    "only a comment": Case(b"# nothing here\n\n", "empty", None),
    "only a byte-order mark": Case(b"\xef\xbb\xbf", "empty", None),
    "top level list": Case(b"- a\n- b\n", "top level must be a mapping", 1),
    "top level text": Case(b"just some words\n", "top level must be a mapping", 1),
    "top level number": Case(b"42\n", "top level must be a mapping", 1),
    "two documents": Case(b"a: 1\n---\nb: 2\n", "more than one YAML document", 2),
    "unclosed list": Case(b"a: [1, 2\nb: 3\n", "invalid YAML", None),
    "bad indentation": Case(b"a:\n  b: 1\n c: 2\n", "invalid YAML", 3),
    "nul byte": Case(b"a: x\x00y\n", "control character U+0000", 1),
    "escape byte": Case(b"a: 1\nb: \x1b[31mred\n", "control character U+001B", 2),
    "deep nesting": Case(b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n", "nesting", 1),
    "deep mapping nesting": Case(b"a: " + b"{b: " * 3000 + b"1" + b"}" * 3000 + b"\n",
                                 "nesting", 1),
    "complex key": Case(b"? [a, b]\n: 1\n", "key must be a plain value", 1),
    "null key": Case(b"~: 1\n", "key must be", 1),
}


def _one_line(err: str, name: str, case: Case) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    where = f"{name}:{case.line}:" if case.line else f"{name}:"
    assert line.startswith(where), line
    assert case.says in line, line
    assert " — " in line, "every problem says how to fix it"
    return line


# --- rule files -----------------------------------------------------------------------------


@pytest.fixture()
def rules_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the mini rule set in ./rules, with the working folder at its parent."""
    shutil.copytree(MINI, tmp_path / "rules")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "rules"


def check(capsys: pytest.CaptureFixture[str], rules: Path) -> tuple[int, str, str]:
    code = main(["rules", "check", "--rules", str(rules)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_hostile_rule_file_is_refused_in_one_line(capsys: pytest.CaptureFixture[str],
                                                  rules_copy: Path, case: Case) -> None:
    (rules_copy / "extra.yaml").write_bytes(case.content)
    code, out, err = check(capsys, rules_copy)
    assert (code, out) == (1, "")
    _one_line(err, "rules/extra.yaml", case)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_hostile_answers_file_is_refused_in_one_line(mini_rules: object, tmp_path: Path,
                                                     case: Case) -> None:
    path = tmp_path / "answers.yaml"
    path.write_bytes(case.content)
    with pytest.raises(AnswersError) as caught:
        store.load(path, mini_rules)
    assert len(caught.value.problems) == 1, caught.value
    _one_line(str(caught.value.problems[0]), str(path), case)


def test_alias_bomb_is_refused_at_its_first_anchor(capsys: pytest.CaptureFixture[str],
                                                   rules_copy: Path) -> None:
    """Refusal comes from the first anchor, before any alias could be expanded; a bomb many
    times larger is refused at the same place (the timing is in benchmarks/bench_hostile.py)."""
    small, huge = _bomb(3), _bomb(9) + b"".join(
        f"m{i}: &m{i} [*l8, *l8, *l8, *l8, *l8, *l8, *l8, *l8, *l8]\n".encode()
        for i in range(2000))
    for content in (small, huge):
        (rules_copy / "extra.yaml").write_bytes(content)
        code, _, err = check(capsys, rules_copy)
        assert code == 1
        assert err.startswith("rules/extra.yaml:1:5: anchors (`&l0`) are not allowed")
        assert len(err.splitlines()) == 1


def _no_files_created(folder: Path, before: set[Path]) -> None:
    assert set(folder.rglob("*")) == before


def test_python_payload_is_never_run_in_a_real_process(rules_copy: Path) -> None:
    """Through the installed entry point: the payload would create ./PWNED if constructed."""
    folder = rules_copy.parent
    (rules_copy / "extra.yaml").write_text(PWNED, encoding="utf-8")
    answers = folder / "answers.yaml"
    answers.write_text("format: 1\n" + PWNED.replace("x:", "answers:"), encoding="utf-8")
    before = set(folder.rglob("*"))
    done = subprocess.run([sys.executable, "-m", "spinout", "rules", "check", "--rules",
                           str(rules_copy)], capture_output=True, text=True, timeout=60,
                          cwd=folder)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr.startswith("rules/extra.yaml:1:4: the tag ")
    assert len(done.stderr.splitlines()) == 1
    _no_files_created(folder, before)


def test_yaml_is_never_loaded_unsafely(monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str],
                                       rules_copy: Path) -> None:
    """The object-constructing YAML entry points are never called, even for good files."""
    import yaml

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("unsafe YAML entry point used")

    for name in ("load", "load_all", "unsafe_load", "full_load", "full_load_all",
                 "unsafe_load_all", "safe_load", "safe_load_all"):
        monkeypatch.setattr(yaml, name, forbidden)
    assert check(capsys, rules_copy)[0] == 0
    (rules_copy / "extra.yaml").write_text(PWNED, encoding="utf-8")
    assert check(capsys, rules_copy)[0] == 1


# --- size limit: refused before parsing -------------------------------------------------------


def _forbid_parsing_large_files(monkeypatch: pytest.MonkeyPatch) -> None:
    import spinout.yamlfile as yamlfile

    parse = yamlfile.parse_yaml

    def small_only(raw: bytes, *args: object, **kwargs: object) -> object:
        assert len(raw) <= 64 * 1024, "an oversized file was read and parsed"
        return parse(raw, *args, **kwargs)

    monkeypatch.setattr(yamlfile, "parse_yaml", small_only)


def _oversized(path: Path, valid_prefix: bytes, size: int) -> None:
    with open(path, "wb") as handle:
        handle.write(valid_prefix)
        handle.truncate(size)


@pytest.mark.parametrize("size", [1024 * 1024 + 1, 8 * 1024 ** 3])
def test_oversized_rule_file_is_refused_before_parsing(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        rules_copy: Path, size: int) -> None:
    _forbid_parsing_large_files(monkeypatch)
    _oversized(rules_copy / "extra.yaml", b"# comment\n", size)
    code, _, err = check(capsys, rules_copy)
    assert code == 1
    assert err == (f"rules/extra.yaml: file is {size:,} bytes, over the limit of 1,048,576 — "
                   "split it into smaller files or remove unused content\n")


def test_oversized_answers_file_is_refused_before_parsing(
        monkeypatch: pytest.MonkeyPatch, mini_rules: object, tmp_path: Path) -> None:
    _forbid_parsing_large_files(monkeypatch)
    path = tmp_path / "answers.yaml"
    _oversized(path, b"format: 1\n", 4 * 1024 ** 3)
    with pytest.raises(AnswersError) as caught:
        store.load(path, mini_rules)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{path}: file is 4,294,967,296 bytes, over the limit")


# --- accepted: byte-order mark and CRLF -------------------------------------------------------


def _variants(text: bytes) -> dict[str, bytes]:
    crlf = text.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return {"bom": b"\xef\xbb\xbf" + text, "crlf": crlf, "bom+crlf": b"\xef\xbb\xbf" + crlf}


@pytest.mark.parametrize("variant", ["bom", "crlf", "bom+crlf"])
def test_rule_files_with_bom_or_crlf_are_accepted(capsys: pytest.CaptureFixture[str],
                                                  rules_copy: Path, variant: str) -> None:
    code, plain, _ = check(capsys, rules_copy)
    assert code == 0
    for path in rules_copy.glob("*.yaml"):
        path.write_bytes(_variants(path.read_bytes())[variant])
    code, out, err = check(capsys, rules_copy)
    assert (code, err) == (0, "")
    assert out == plain


@pytest.mark.parametrize("variant", ["bom", "crlf", "bom+crlf"])
def test_answers_with_bom_or_crlf_are_accepted(mini_rules: object, tmp_path: Path,
                                               variant: str) -> None:
    answers = new_answers(mini_rules, role="frontline").with_answer("has_plan", "draft") \
        .with_answer("comments", "line one\nline two").with_answer("helpers", ["legal"])
    path = tmp_path / "answers.yaml"
    store.save(path, answers)
    expected = store.load(path, mini_rules).answers
    path.write_bytes(_variants(path.read_bytes())[variant])
    checked = store.load(path, mini_rules)
    assert checked.errors == ()
    assert checked.answers == expected
    assert checked.answers.answers["comments"] == "line one\nline two"


# --- answers given under another rule set -----------------------------------------------------


def test_answers_for_another_rule_set_show_both_names_and_digests(mini_rules: object,
                                                                  tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    other = "sha256:" + "ab12" * 16
    path.write_text(f"format: 1\nrules: {{name: other_rules, version: '2', digest: '{other}'}}\n"
                    "answers: {}\n", encoding="utf-8")
    with pytest.raises(AnswersError) as caught:
        store.load(path, mini_rules)
    text = "\n".join(map(str, caught.value.problems))
    assert text.startswith(f"{path}:2:")
    assert "other_rules" in text and other[:19] in text
    assert "`mini`" in text and mini_rules.digest[:19] in text  # type: ignore[attr-defined]
    assert "--rules" in text


# --- the same through a command that reads answers files -----------------------------------



@pytest.mark.parametrize("case", [CASES[k] for k in ("alias bomb", "python object apply",
                                                      "duplicate key", "latin-1 byte",
                                                      "tab indentation", "empty",
                                                      "top level list")],
                         ids=["bomb", "payload", "duplicate", "latin-1", "tab", "empty",
                              "list"])
def test_report_refuses_a_hostile_answers_file(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               case: Case) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers.yaml").write_bytes(case.content)
    before = set(tmp_path.rglob("*"))
    code = main(["report", "answers.yaml", "--rules", str(MINI), "-o", "report.html"])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    _one_line(err, "answers.yaml", case)
    _no_files_created(tmp_path, before)


def test_report_refuses_answers_for_another_rule_set(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers.yaml").write_text(
        "format: 1\nrules: {name: other_rules, version: '2', digest: 'sha256:0123456789abcdef'}"
        "\nanswers: {}\n", encoding="utf-8")
    before = set(tmp_path.rglob("*"))
    code = main(["report", "answers.yaml", "--rules", str(MINI), "-o", "report.md"])
    _, err = capsys.readouterr()
    assert code == 1
    assert err.startswith("answers.yaml:2:")
    assert "other_rules" in err and "sha256:0123456789ab" in err and "`mini`" in err
    _no_files_created(tmp_path, before)



def test_the_printable_check_refuses_exactly_what_yaml_does_not_allow() -> None:
    """Every code point: refused by the file check exactly when outside YAML's printable set."""
    import re

    from spinout.yamlfile import _NOT_PRINTABLE

    printable = re.compile("[\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd"
                           "\U00010000-\U0010ffff]")
    wrong = [hex(cp) for cp in range(0x110000)
             if bool(_NOT_PRINTABLE.match(chr(cp))) == bool(printable.match(chr(cp)))]
    assert wrong == []
