"""spinout and an editor agree on what a rule file means: `rules init` writes the settings that
give yaml-language-server the schema for every rule file and YAML 1.1, and the rule loader reads
plain scalars as YAML 1.1 does, one-letter booleans included, so a file the schema accepts in
the editor is a file spinout accepts, and the other way round."""

from __future__ import annotations

import fnmatch
import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from spinout.answers import store
from spinout.answers.model import new_answers
from spinout.errors import RulesError
from spinout.ruleset.describe import init, schema_json
from spinout.ruleset.loader import load_ruleset, rule_files
from spinout.yamlfile import parse_yaml, read_yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini" / "rules"
EDITOR = FIXTURES / "editor"

# The boolean type of YAML 1.1 (yaml.org/type/bool.html), written out here rather than taken
# from PyYAML, which leaves out the one-letter forms.
YAML11_TRUE = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]
YAML11_FALSE = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]
NOT_BOOLEAN = ["yES", "nO", "oN", "t", "f", "ja", "Yes please", "none"]


def rule_data(text: str) -> object:
    return parse_yaml(text.encode(), "rules/x.yaml", yaml11_letters=True).data["key"]


@pytest.mark.parametrize("word", YAML11_TRUE + YAML11_FALSE)
def test_every_yaml11_boolean_is_a_boolean_in_a_rule_file(word: str) -> None:
    assert rule_data(f"key: {word}\n") is (word in YAML11_TRUE)
    assert rule_data(f"key: [{word}]\n") == [word in YAML11_TRUE]
    assert rule_data(f"key: {{inner: {word}}}\n") == {"inner": word in YAML11_TRUE}


@pytest.mark.parametrize("word", YAML11_TRUE + YAML11_FALSE)
def test_a_quoted_or_block_boolean_word_stays_text(word: str) -> None:
    assert rule_data(f'key: "{word}"\n') == word
    assert rule_data(f"key: '{word}'\n") == word
    assert rule_data(f"key: |\n  {word}\n") == f"{word}\n"
    assert rule_data(f"key: !!str {word}\n") == word


@pytest.mark.parametrize("word", NOT_BOOLEAN)
def test_words_outside_the_boolean_type_stay_text(word: str) -> None:
    assert rule_data(f"key: {word}\n") == word


def test_answers_files_keep_one_letter_words_as_text(mini_rules) -> None:
    """spinout writes answers with PyYAML's dumper, which leaves `y` unquoted; reading it back
    must give the same text."""
    assert parse_yaml(b"key: y\n", "answers.yaml").data == {"key": "y"}
    answers = new_answers(mini_rules, role="frontline").with_answer("comments", "n")
    dumped = store.dump(answers)
    assert "comments: n\n" in dumped
    assert parse_yaml(dumped.encode(), "answers.yaml").data["answers"] == {"comments": "n"}


def _rules_with(tmp_path: Path, fixture: str) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(MINI, rules)
    shutil.copyfile(EDITOR / fixture, rules / "extra.yaml")
    return rules


def _schema_errors(path: Path) -> list[str]:
    """What an editor checking the file against the schema reports (the data as read under
    YAML 1.1, which the tests above show the rule loader reads)."""
    validator = Draft202012Validator(json.loads(schema_json()))
    data = read_yaml(path, yaml11_letters=True).data
    return ["/".join(map(str, e.absolute_path)) + ": " + e.message
            for e in validator.iter_errors(data)]


def test_booleans_written_as_yaml11_allows_pass_spinout_and_the_schema(tmp_path: Path) -> None:
    rules = _rules_with(tmp_path, "yaml11_booleans.yaml")
    rs = load_ruleset(rules)
    by_id = {q.id: q for q in rs.questions}
    yes, off = by_id["asked_with_yes"], by_id["asked_with_off"]
    assert (yes.dont_know, off.dont_know) == (True, False)
    assert (yes.editorial, off.editorial) == (True, True)
    assert [o.value for o in yes.options] == [True, False]
    assert [o.value for o in off.options] == [True, False]
    assert _schema_errors(rules / "extra.yaml") == []


def test_a_bare_no_where_text_is_meant_fails_spinout_and_the_schema(tmp_path: Path) -> None:
    rules = _rules_with(tmp_path, "bare_no_as_text.yaml")
    with pytest.raises(RulesError) as caught:
        load_ruleset(rules)
    (problem,) = caught.value.problems
    assert (Path(problem.file).name, problem.line, problem.col) == ("extra.yaml", 7, 11)
    assert problem.message == "this was read as `false`, not as text"
    assert _schema_errors(rules / "extra.yaml") == ["questions/0/help: False is not of type "
                                                    "'string'"]
    quoted = (rules / "extra.yaml").read_text().replace("help: No", 'help: "No"')
    (rules / "extra.yaml").write_text(quoted)
    by_id = {q.id: q for q in load_ruleset(rules).questions}
    assert by_id["help_left_bare"].help == "No"
    assert _schema_errors(rules / "extra.yaml") == []


def test_init_writes_editor_settings_for_every_rule_file_and_yaml11(tmp_path: Path) -> None:
    target = tmp_path / "my-rules"
    message = init(target)
    settings = json.loads((target / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.yamlVersion"] == "1.1"
    ((schema_path, globs),) = settings["yaml.schemas"].items()
    assert json.loads((target / schema_path).read_text(encoding="utf-8")) == json.loads(
        schema_json())
    copied = [p.relative_to(target).as_posix() for p in rule_files(target / "rules")]
    assert copied and all(any(fnmatch.fnmatch(name, g) for g in globs) for name in copied)
    assert "yaml-language-server: $schema" not in message
    assert f"{target / '.vscode' / 'settings.json'} maps rules.schema.json" in message
