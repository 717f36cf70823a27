"""One broken rule set per error class: the exact place and wording of every problem.

Each case is a folder under tests/fixtures/broken/ whose files are laid over a copy of the
mini rule set (tests/fixtures/mini/rules), so a case holds only what is wrong.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from spinout.__main__ import main
from spinout.errors import RulesError
from spinout.ruleset.loader import MAX_RULE_FILE_BYTES, load_ruleset

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini" / "rules"
BROKEN = HERE / "fixtures" / "broken"
FIX = "write the content out in full where it is needed"
TYPE_HINT = "check the value's type (text, number, true/false, list or mapping)"
ID_HINT = "use lower case letters, digits and underscores, starting with a letter"
SEEDS_NAME = ("a source file must be a plain file name inside seeds/ (no folders, no `..`, no "
              "absolute path) — fix the value")
CLOSEST = ("quote not found in `le_grand` (002_cb6408028f891994.txt) — the closest passage is "
           "on line 61: \"…managers are the biggest barrier to employee ownership\"")

EXPECTED: dict[str, list[str]] = {
    "yaml_syntax": ["rules/extra.yaml:4:7: invalid YAML: did not find expected ',' or ']' — "
                    "check the indentation and punctuation near here"],
    "duplicate_key": ["rules/extra.yaml:5:5: duplicate key `label` (first given on line 3) — "
                      "remove one of them; YAML would silently keep only the last"],
    "custom_tag": ["rules/extra.yaml:3:12: the tag "
                   "`tag:yaml.org,2002:python/object/apply:os.system` is not allowed — remove "
                   "the `!` tag; only plain values, lists and mappings are read"],
    "alias": [f"rules/extra.yaml:3:12: anchors (`&name`) are not allowed — {FIX}"],
    "billion_laughs": [f"rules/extra.yaml:1:5: anchors (`&l0`) are not allowed — {FIX}"],
    "non_utf8": ["rules/extra.yaml:3:15: byte 0xe9 is not valid UTF-8 — save the file as UTF-8"],
    "tab_indentation": ["rules/extra.yaml:3:1: a tab is used for indentation — indent with "
                        "spaces only"],
    "empty_file": ["rules/extra.yaml:1:1: the file is empty — add content, or delete the file"],
    "top_level_list": ["rules/extra.yaml:1:1: the top level must be a mapping of sections — "
                       "start with a key such as `questions:`"],
    "unknown_key": ["rules/extra.yaml:2:5: `label` is missing — add `label:` here",
                    "rules/extra.yaml:3:5: unknown key `lable` — did you mean `label`?"],
    "missing_field": ["rules/extra.yaml:2:5: `help` is missing — add `help:` here"],
    "wrong_type": [f"rules/extra.yaml:5:13: `heavy` should be a number — {TYPE_HINT}"],
    "bare_no": ["rules/extra.yaml:11:16: this was read as `false`, not as text — put it in "
                "quotes, e.g. \"No\" (YAML reads bare yes/no/on/off as true/false)"],
    "bad_id": [f"rules/extra.yaml:2:9: `Extra-Role` is not a valid id — {ID_HINT}"],
    "duplicate_id": ["rules/model.yaml:21:9: id `has_plan` is used twice (first at "
                     "rules/extra.yaml:2) — give each item its own id; ids are shared by every "
                     "kind of item"],
    "unknown_dimension": ["rules/extra.yaml:10:18: unknown dimension `plannning` — did you "
                          "mean `planning`?"],
    "unknown_section": ["rules/extra.yaml:3:14: unknown section `peple` — did you mean "
                        "`people`?"],
    "unknown_question": [
        "rules/extra.yaml:8:20: unknown question `has_pln` — did you mean `has_plan`?",
        "rules/extra.yaml:16:24: unknown question `managrs` — did you mean `managers`?",
        "rules/extra.yaml:26:43: `lawyer` is not an option of `helpers` — use one of `legal`, "
        "`finance`",
    ],
    "bad_option_value": ["rules/extra.yaml:10:11: `finished` is not an option of `has_plan` — "
                         "use one of `none`, `draft`, `agreed`"],
    "wrong_test_type": [
        "rules/extra.yaml:5:40: `at_least` needs a number or numeric scale, and `has_plan` is "
        "single — use `is`, `in` or `includes`",
        "rules/extra.yaml:15:40: `includes` is for multi questions, and `has_plan` is single — "
        "use `is` or `in`",
    ],
    "dimension_in_question_when": ["rules/extra.yaml:8:23: a question's `when` cannot test a "
                                   "dimension score — test answers to earlier questions "
                                   "instead"],
    "condition_cycle": [
        "rules/extra.yaml:8:11: `extra_a` depends on `extra_b`, which is asked later — move it "
        "after `extra_b`, or test an earlier question",
        "rules/extra.yaml:16:11: question conditions form a loop (each depends on the next): "
        "extra_a → extra_b → extra_a — make one of these questions depend only on earlier "
        "ones",
    ],
    "later_question": ["rules/extra.yaml:8:11: `extra` depends on `managers`, which is asked "
                       "later — move it after `managers`, or test an earlier question"],
    "unscored_dimension": ["rules/extra.yaml:2:9: no question scores dimension `culture` — add "
                           "`scores` for it to some question's options, or remove the "
                           "dimension"],
    "bands": [
        "rules/ruleset.yaml:17:12: band `high` must start above `mid` — list bands from lowest "
        "to highest with rising `min`",
        "rules/ruleset.yaml:19:16: unknown band `middle` — did you mean `mid`?",
    ],
    "caps": [
        "rules/extra.yaml:5:10: unknown band `hihg` — did you mean `high`?",
        "rules/ruleset.yaml:20:16: the blocker cap is given twice, as `blocker_cap` and in "
        "`caps` — remove `blocker_cap` and keep `caps: {blocker: ...}`",
        "rules/ruleset.yaml:23:12: unknown band `middle` — did you mean `mid`?",
    ],
    "fact_action": ["rules/extra.yaml:8:13: `taken_over` is a fact question, so it cannot have "
                    "a next action (the group cannot change the answer) — remove `action` and "
                    "put advice on how to respond in a barrier, or drop `fact: true`"],
    "scores_alone": ["rules/extra.yaml:6:7: barrier `low_support` can be raised by a dimension "
                     "score alone, with no answer that speaks to it — test the answers it rests "
                     "on, e.g. `all: [{answer: ...}, {dimension: ...}]`"],
    "unused_question": [
        "rules/extra.yaml:2:9: `service_kind` is asked but never used: no score, barrier, stage "
        "or legal form reads it — give its options `scores`, test it in a barrier, or mark it "
        "`context: true`",
        "rules/extra.yaml:18:14: `staff_count` is marked `context: true` but is scored — remove "
        "its `scores`, or remove `context: true`",
    ],
    "weight_out_of_range": [
        "rules/extra.yaml:7:13: `12` is out of range: input should be less than or equal to 10 "
        "— change the number",
        "rules/extra.yaml:13:13: `0` is out of range: input should be greater than 0 — change "
        "the number",
    ],
    "quote_not_found": [f"rules/extra.yaml:9:16: {CLOSEST}"],
    "source_path": [f"rules/extra.yaml:3:11: {SEEDS_NAME}", f"rules/extra.yaml:6:11: {SEEDS_NAME}"],
    "headline_missing": ["rules/extra.yaml:7:9: headline is not a line of "
                         "002_cb6408028f891994.txt — copy the headline's whole line exactly"],
    "no_citation": ["rules/extra.yaml:2:5: no citation — add a `cite:` entry quoting the "
                    "source, or mark it `editorial: true`"],
    "several_schema": [
        "rules/a_roles.yaml:2:5: `label` is missing — add `label:` here",
        f"rules/a_roles.yaml:3:13: `maybe` should be true or false — {TYPE_HINT}",
        "rules/b_broken.yaml:2:1: invalid YAML: did not find expected node content — check the "
        "indentation and punctuation near here",
        f"rules/c_dims.yaml:2:9: `Extra` is not a valid id — {ID_HINT}",
    ],
    "several_checks": [
        "rules/a_question.yaml:3:14: unknown section `peple` — did you mean `people`?",
        "rules/b_barrier.yaml:5:16: unknown dimension `suport` — did you mean `support`?",
        "rules/b_barrier.yaml:6:34: `finished` is not an option of `has_plan` — use one of "
        "`none`, `draft`, `agreed`",
        f"rules/b_barrier.yaml:11:16: {CLOSEST}",
    ],
}


def broken_rules(case: str, folder: Path) -> Path:
    """The mini rule set in ``folder``/rules with the case's files laid over it."""
    rules = folder / "rules"
    shutil.copytree(MINI, rules)
    for path in sorted((BROKEN / case).iterdir()):
        shutil.copyfile(path, rules / path.name)
    return rules


def problems(rules: Path) -> list[str]:
    with pytest.raises(RulesError) as caught:
        load_ruleset(rules)
    return [str(p) for p in caught.value.problems]


@pytest.fixture()
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working folder, so problems name files as rules/NAME.yaml."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_fixture_folder_has_expectations() -> None:
    cases = {p.name for p in BROKEN.iterdir() if p.is_dir()}
    assert cases == set(EXPECTED) | {"source_symlink"}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_broken_rule_set_reports_every_problem_in_place(case: str, here: Path) -> None:
    assert problems(broken_rules(case, here)) == EXPECTED[case]


def test_mini_rule_set_itself_is_clean(here: Path) -> None:
    shutil.copytree(MINI, here / "rules")
    assert load_ruleset(here / "rules").header.name == "mini"


def test_source_symlink_out_of_the_seeds_folder_is_refused(here: Path) -> None:
    rules = broken_rules("source_symlink", here)
    shutil.copytree(HERE.parent / "seeds", here / "seeds")
    (here / "secret.txt").write_text("not a source\n", encoding="utf-8")
    (here / "seeds" / "linked.txt").symlink_to(here / "secret.txt")
    assert problems(rules) == [
        f"rules/extra.yaml:3:11: `linked.txt` leads outside the seeds folder ({here / 'seeds'})"
        " — copy the document into the seeds folder instead of linking it"]


def test_missing_seed_file_gets_did_you_mean(here: Path) -> None:
    rules = broken_rules("source_symlink", here)
    shutil.copytree(HERE.parent / "seeds", here / "seeds")
    (here / "seeds" / "linked.tx").write_text("close\n", encoding="utf-8")
    assert problems(rules) == [
        f"rules/extra.yaml:3:11: no file `linked.txt` in the seeds folder ({here / 'seeds'}) — "
        "did you mean `linked.tx`?"]


def test_oversized_rule_file_is_refused_before_reading(here: Path) -> None:
    rules = broken_rules("empty_file", here)
    with open(rules / "extra.yaml", "wb") as handle:
        handle.write(b"roles: []\n")
        handle.truncate(MAX_RULE_FILE_BYTES + 1)
    size = f"{MAX_RULE_FILE_BYTES + 1:,}"
    assert problems(rules) == [
        f"rules/extra.yaml: file is {size} bytes, over the limit of {MAX_RULE_FILE_BYTES:,} — "
        "split it into smaller files or remove unused content"]


def test_a_billion_laughs_twice_as_deep_is_refused_as_fast(here: Path) -> None:
    """The refusal does not depend on the expansion size: the deeper bomb stops at the same
    first anchor (no timing assertion; the loader never builds the aliased structure)."""
    rules = broken_rules("billion_laughs", here)
    deeper = (rules / "extra.yaml").read_text(encoding="utf-8") + "".join(
        f"m{i}: &m{i} [*l8, *l8, *l8, *l8, *l8, *l8, *l8, *l8, *l8]\n" for i in range(500))
    (rules / "extra.yaml").write_text(deeper, encoding="utf-8")
    assert problems(rules) == EXPECTED["billion_laughs"]


def test_problems_are_sorted_by_file_then_line(here: Path) -> None:
    found = problems(broken_rules("several_checks", here))
    keys = [(p.split(":")[0], int(p.split(":")[1])) for p in found]
    assert keys == sorted(keys) and len(found) == 4


def test_rules_check_exit_codes(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "check", "--rules", str(broken_rules("several_checks", here))]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [*EXPECTED["several_checks"], "4 problems found."]
    shutil.rmtree(here / "rules")
    shutil.copytree(MINI, here / "rules")
    assert main(["rules", "check", "--rules", "rules"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("ok: mini 0.1: 6 questions") and err == ""


def test_rules_check_on_a_missing_folder_exits_1(here: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "check", "--rules", "nowhere"]) == 1
    assert capsys.readouterr().err == ("nowhere: no such rules folder — give the folder holding "
                                       "the rule files, e.g. `--rules rules`\n")

