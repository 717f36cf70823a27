"""The editor commands: rules check / init / schema / show, and sources."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from spinout.__main__ import main
from spinout.ruleset.loader import bundled_location, rule_files
from spinout.yamlfile import read_yaml

MINI = Path(__file__).resolve().parent / "fixtures" / "mini" / "rules"
SUMMARY = ("ok: mini 0.1: 6 questions, 2 barriers, 3 stages, 2 legal forms; citations per "
           "source: le_grand 6, social_enterprise 1\n")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def flat(text: str) -> str:
    """Terminal output with wrapping undone, for checks that must not depend on width."""
    return " ".join(text.split())


# --- rules check -------------------------------------------------------------------------------


def test_check_prints_one_summary_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "rules", "check", "--rules", str(MINI)) == (0, SUMMARY, "")


def test_check_accepts_the_folder_holding_rules(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(MINI, tmp_path / "rules")
    assert run(capsys, "rules", "check", "--rules", str(tmp_path)) == (0, SUMMARY, "")


# --- rules init --------------------------------------------------------------------------------


def test_init_copies_rules_and_seeds_which_then_pass_the_check(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "my-rules"
    code, out, err = run(capsys, "rules", "init", str(target))
    assert (code, err) == (0, "")
    assert f"spinout rules check --rules {target}" in out
    bundled = bundled_location()
    assert [p.name for p in rule_files(target / "rules")] == [
        p.name for p in rule_files(bundled.rules)]
    assert sorted(p.name for p in (target / "seeds").iterdir()) == sorted(
        p.name for p in bundled.seeds.glob("*.txt"))
    code, out, err = run(capsys, "rules", "check", "--rules", str(target))
    assert (code, err) == (0, "") and out.startswith("ok: ")


def test_init_writes_the_schema_beside_the_rules_for_editors(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "init", str(tmp_path / "copy"))
    assert code == 0
    assert "settings.json maps rules.schema.json onto every rule file" in out
    written = json.loads((tmp_path / "copy" / "rules.schema.json").read_text(encoding="utf-8"))
    assert written == schema(capsys)


def test_init_uses_the_copied_seeds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An edited copy reads its own seeds/, so a changed document changes the check."""
    target = tmp_path / "copy"
    assert run(capsys, "rules", "init", str(target))[0] == 0
    for seed in (target / "seeds").iterdir():
        seed.write_text("Nothing of the original is left.\n", encoding="utf-8")
    code, _, err = run(capsys, "rules", "check", "--rules", str(target))
    assert code == 1 and "quote not found" in err


@pytest.mark.parametrize(("existing", "message"), [
    ("non-empty folder", "folder exists and is not empty"),
    ("file", "is a file, not a folder"),
])
def test_init_refuses_anything_but_a_new_or_empty_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: str, message: str) -> None:
    target = tmp_path / "target"
    if existing == "file":
        target.write_text("keep me\n", encoding="utf-8")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("keep me\n", encoding="utf-8")
    code, out, err = run(capsys, "rules", "init", str(target))
    assert (code, out) == (2, "")
    assert err == f"{target}: {message} — choose a new folder name\n"
    assert sorted(tmp_path.rglob("*")) == sorted(
        [target] if existing == "file" else [target, target / "notes.txt"])


def test_init_into_an_empty_folder_works(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert run(capsys, "rules", "init", str(tmp_path / "empty"))[0] == 0
    assert (tmp_path / "empty" / "rules" / "ruleset.yaml").is_file()


# --- rules schema ------------------------------------------------------------------------------


def schema(capsys: pytest.CaptureFixture[str]) -> dict:
    code, out, err = run(capsys, "rules", "schema")
    assert (code, err) == (0, "")
    return json.loads(out)


def test_schema_is_a_valid_json_schema_that_accepts_every_mini_file(
        capsys: pytest.CaptureFixture[str]) -> None:
    data = schema(capsys)
    Draft202012Validator.check_schema(data)
    validator = Draft202012Validator(data)
    for path in sorted(MINI.glob("*.yaml")):
        assert list(validator.iter_errors(read_yaml(path).data)) == [], path.name


@pytest.mark.parametrize("bad", [
    {"questions": [{"id": "Bad Id", "section": "s", "text": "t", "help": "h", "type": "text"}]},
    {"roles": [{"id": "r", "label": "R", "lable": "typo"}]},
    {"questions": [{"id": "q", "section": "s", "text": "t", "help": "h", "type": "essay"}]},
    {"barriers": [{"id": "b", "title": "t", "severity": "major", "why": "w",
                   "what_to_do": ["x"], "when": {"answers": "q", "is": 1}}]},
])
def test_schema_rejects_what_the_loader_rejects(capsys: pytest.CaptureFixture[str],
                                                bad: dict) -> None:
    assert list(Draft202012Validator(schema(capsys)).iter_errors(bad))


# --- rules show --------------------------------------------------------------------------------


def test_show_gives_an_overview(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "rules", "show", "--rules", str(MINI))
    assert (code, err) == (0, "")
    text = flat(out)
    assert text.startswith("A small rule set for tests (mini 0.1) digest sha256:")
    assert "Section: Planning has_plan [single] Do you have a business plan?" in text
    assert "plan_tested [yes_no] Has the plan been tested with a bidder? (conditional)" in text
    assert "no_plan blocker: No business plan" in text
    assert "1. explore Explore (editorial)" in text
    assert "cic Community interest company (editorial)" in text


@pytest.mark.parametrize(("item", "kind", "detail"), [
    ("le_grand", "source", "file: 002_cb6408028f891994.txt"),
    ("frontline", "role", "label: Frontline staff senior: false"),
    ("planning", "dimension", "Citations 002_cb6408028f891994.txt:89 “Business Planning”"),
    ("plan", "section", "name: Planning"),
    ("has_plan", "question", "- value: none label: No scores: planning: 0"),
    ("managers", "question", "linear: support: at_min: 0 at_max: 100"),
    ("no_plan", "barrier", "when: answer: has_plan is: none"),
    ("explore", "stage", "exit: - label: A draft plan exists when: answer: has_plan in: - draft"),
    ("coop", "legal form", "fit: - when: answer: helpers includes: legal points: 2"),
    ("mid", "band", "name: Getting there min: 40"),
])
def test_show_one_item_of_every_kind(capsys: pytest.CaptureFixture[str], item: str, kind: str,
                                     detail: str) -> None:
    code, out, err = run(capsys, "rules", "show", item, "--rules", str(MINI))
    assert (code, err) == (0, "")
    text = flat(out)
    assert text.startswith(f"{item} ({kind})")
    assert detail in text


def _hostile_copy(folder: Path) -> Path:
    rules = folder / "rules"
    shutil.copytree(MINI, rules)
    model = rules / "model.yaml"
    hostile = r'"[bold red]x[/] \e]8;;http://evil\e\\link \e[31mred"'
    model.write_text(model.read_text(encoding="utf-8").replace(
        "text: Do you have a business plan?", f"text: {hostile}"), encoding="utf-8")
    return rules


@pytest.mark.parametrize("item", [[], ["has_plan"]], ids=["overview", "item"])
def test_show_prints_markup_and_escapes_in_rule_text_literally(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], item: list[str]) -> None:
    rules = _hostile_copy(tmp_path)
    code, out, err = run(capsys, "rules", "show", *item, "--rules", str(rules))
    assert (code, err) == (0, "")
    assert "[bold red]x[/] link red" in out
    assert "\x1b" not in out and "evil" not in out


def normalised_json(capsys: pytest.CaptureFixture[str], *item: str) -> dict:
    code, out, err = run(capsys, "rules", "show", *item, "--json", "--rules", str(MINI))
    assert (code, err) == (0, "")
    return json.loads(out)


def test_show_json_has_every_documented_key(capsys: pytest.CaptureFixture[str]) -> None:
    data = normalised_json(capsys)
    assert {"name", "version", "digest", "sources", "roles", "dimensions", "questions",
            "barriers", "stages", "legal_forms", "bands"} <= set(data)
    assert (data["name"], data["version"]) == ("mini", "0.1")
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", data["digest"])
    required = {
        "sources": {"id", "file", "title"},
        "roles": {"id", "label", "senior"},
        "dimensions": {"id", "name", "weight"},
        "questions": {"id", "section", "type", "text", "help", "options", "min", "max",
                      "dont_know", "when"},
        "barriers": {"id", "title", "severity"},
        "stages": {"id", "name", "editorial"},
        "legal_forms": {"id", "name"},
    }
    for kind, keys in required.items():
        for item in data[kind]:
            assert keys <= set(item), (kind, item["id"])
    for kind in ("dimensions", "questions", "barriers", "stages", "legal_forms"):
        for item in data[kind]:
            assert isinstance(item["editorial"], bool)
            assert all(set(c) == {"source", "quote"} for c in item["cite"])
            assert item["cite"] or item["editorial"]
    assert [b["id"] for b in data["bands"]["levels"]] == ["low", "mid", "high"]
    assert data["bands"]["blocker_cap"] == "mid"


def test_show_json_questions_carry_options_ranges_and_conditions(
        capsys: pytest.CaptureFixture[str]) -> None:
    questions = {q["id"]: q for q in normalised_json(capsys)["questions"]}
    assert [q for q in questions] == ["has_plan", "plan_tested", "staff", "managers",
                                      "helpers", "comments"]
    assert questions["has_plan"]["options"][1] == {"value": "draft", "label": "A draft",
                                                   "scores": {"planning": 50.0}}
    assert questions["plan_tested"]["options"][0]["value"] is True
    assert questions["plan_tested"]["when"] == {"answer": "has_plan", "in": ["draft", "agreed"]}
    assert (questions["staff"]["min"], questions["staff"]["max"]) == (1, 100000)
    assert questions["staff"]["dont_know"] is False and questions["staff"]["when"] is None
    assert questions["has_plan"]["cite"] == [{
        "source": "le_grand",
        "quote": "five key issues that the taskforce must help mutuals tackle"}]


def test_show_json_of_one_item(capsys: pytest.CaptureFixture[str]) -> None:
    assert normalised_json(capsys, "no_plan")["severity"] == "blocker"
    assert normalised_json(capsys, "high") == {"id": "high", "name": "Ready", "min": 75.0,
                                               "description": "Ready to proceed."}


@pytest.mark.parametrize("args", [
    ["rules", "show", "has_pln"],
    ["rules", "show", "has_pln", "--json"],
])
def test_show_unknown_id_suggests_the_closest(capsys: pytest.CaptureFixture[str],
                                              args: list[str]) -> None:
    assert run(capsys, *args, "--rules", str(MINI)) == (
        2, "", "spinout: no item with id `has_pln` — did you mean `has_plan`?\n")


# --- sources -----------------------------------------------------------------------------------


def test_sources_lists_each_with_how_often_it_is_cited(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "sources", "--rules", str(MINI))
    assert (code, err) == (0, "")
    rows = {line.split("│")[1].strip(): line.split("│")[-2].strip()
            for line in out.splitlines() if line.count("│") == 5 and line.split("│")[4].strip()}
    assert rows == {"le_grand": "6", "social_enterprise": "1"}
    assert "002_cb6408028f891994.txt" in out


def test_sources_show_prints_the_document_with_line_numbers(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "sources", "show", "le_grand", "--rules", str(MINI))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "le_grand: Julian Le Grand tag archive (002_cb6408028f891994.txt)"
    assert lines[1] == "  1  Tag Archives: Julian Le Grand"
    assert lines[89] == " 89    • Business Planning"
    assert len(lines) == 1 + len((bundled_location().seeds / "002_cb6408028f891994.txt")
                                 .read_text(encoding="utf-8").splitlines())


def test_sources_show_unknown_id_suggests_the_closest(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "sources", "show", "le_grnd", "--rules", str(MINI)) == (
        2, "", "spinout: no source `le_grnd` — did you mean `le_grand`?\n")
