"""`spinout import`: survey CSV rows to answers files, every bad cell located, no partial
output on error."""

from __future__ import annotations

import pytest
from group_helpers import MINI

from spinout.__main__ import main
from spinout.answers import csv_import, sheets
from spinout.answers.store import load
from spinout.record import replace

HEADER = "respondent_id,role,has_plan,plan_tested,staff,managers,helpers,comments\n"


def _run(tmp_path, text, *extra, name="survey.csv", raw=None):
    path = tmp_path / name
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code = main(["import", str(path), "-o", str(out), "--rules", str(MINI), *extra])
    return code, out


def _loaded(mini_rules, out):
    return {p.name: load(p, mini_rules).answers for p in sorted(out.iterdir())}


def test_rows_become_answers_files(tmp_path, mini_rules, capsys):
    code, out = _run(tmp_path, HEADER +
                     "alice,frontline,draft,yes,40,4,legal;finance,Good idea\n"
                     'bob,Senior manager," yes, AGREED ",,,dont_know,,\n')
    assert code == 0, capsys.readouterr().err
    files = _loaded(mini_rules, out)
    alice = files["alice.yaml"]
    assert alice.respondent.role == "frontline" and alice.respondent.id == "alice"
    assert alice.answers == {"has_plan": "draft", "plan_tested": True, "staff": 40,
                             "managers": 4, "helpers": ["legal", "finance"],
                             "comments": "Good idea"}
    bob = files["bob.yaml"]
    assert bob.respondent.role == "senior"
    assert bob.answers == {"has_plan": "agreed", "managers": "dont_know"}
    assert "wrote 2 answers files" in capsys.readouterr().out


@pytest.mark.parametrize(("cell", "expected"), [
    ("A draft", "draft"), ("  DRAFT ", "draft"), ("none", "none"), ("No", "none"),
])
def test_single_choice_accepts_values_and_labels(cell, expected, mini_rules):
    assert csv_import.parse_cell(mini_rules.question("has_plan"), cell) == (expected, None)


@pytest.mark.parametrize(("cell", "expected"), [
    ("yes", True), ("TRUE", True), ("1", True), ("no", False), ("false", False), ("0", False),
])
def test_yes_no_words(cell, expected, mini_rules):
    assert csv_import.parse_cell(mini_rules.question("plan_tested"), cell) == (expected, None)


@pytest.mark.parametrize(("cell", "expected"), [
    ("legal|finance", ["legal", "finance"]), ("Legal advice; finance", ["legal", "finance"]),
    ("legal", ["legal"]),
])
def test_multi_lists(cell, expected, mini_rules):
    assert csv_import.parse_cell(mini_rules.question("helpers"), cell) == (expected, None)


@pytest.mark.parametrize(("cell", "expected"), [
    ("12", 12), ("3.5", 3.5), ("1,200", 1200), (" 7 ", 7),
])
def test_numbers(cell, expected, mini_rules):
    assert csv_import.parse_cell(mini_rules.question("staff"), cell) == (expected, None)


@pytest.mark.parametrize("cell", ["don't know", "Dont know", "DONT_KNOW", "don’t know"])
def test_dont_know_words(cell, mini_rules):
    assert csv_import.parse_cell(mini_rules.question("managers"), cell) == ("dont_know", None)


@pytest.mark.parametrize(("qid", "cell", "message"), [
    ("has_plan", "maybe", "`maybe` is not an option"),
    ("plan_tested", "perhaps", "`perhaps` is not yes or no"),
    ("staff", "lots", "`lots` is not a number"),
    ("staff", "nan", "`nan` is not a number"),
    ("managers", "9", "9 is out of range"),
    ("staff", "dont_know", "\"don't know\" is not allowed"),
    ("helpers", "legal;legal", "an option is listed twice"),
    ("helpers", "legal;cake", "`cake` is not an option"),
])
def test_bad_cells(qid, cell, message, mini_rules):
    value, error = csv_import.parse_cell(mini_rules.question(qid), cell)
    assert value is None and error is not None and error[0].startswith(message)


def test_every_bad_cell_is_reported_with_row_and_column_and_nothing_written(tmp_path, capsys):
    code, out = _run(tmp_path, HEADER +
                     "a,frontline,draft,,,,,\n"
                     "b,chief,maybe,,lots,,,\n"
                     "\n"
                     "c,,,,,9,,\n")
    assert code == 1
    err = capsys.readouterr().err
    assert "survey.csv:3:2: unknown role `chief` in column `role`" in err
    assert "survey.csv:3:3: `maybe` is not an option in column `has_plan`" in err
    assert "survey.csv:3:5: `lots` is not a number in column `staff`" in err
    assert "survey.csv:5:6: 9 is out of range in column `managers`" in err
    assert not out.exists()


def test_skip_bad_rows_writes_the_good_ones(tmp_path, capsys):
    code, out = _run(tmp_path, HEADER + "a,frontline,draft,,,,,\nb,,maybe,,,,,\n",
                     "--skip-bad-rows", "--allow-skipped")
    assert code == 0
    captured = capsys.readouterr()
    assert "skipped: " in captured.err and "survey.csv:3:3" in captured.err
    assert "skipped 1 bad row" in captured.out
    assert [p.name for p in out.iterdir()] == ["a.yaml"]


def test_unknown_columns_are_named_with_a_suggestion(tmp_path, capsys):
    code, out = _run(tmp_path, "respondent_id,has_plann,Managers,colour\nx,draft,3,red\n")
    assert code == 1
    err = capsys.readouterr().err
    assert "survey.csv:1:2: unknown column `has_plann` — did you mean `has_plan`?" in err
    assert "survey.csv:1:4: unknown column `colour`" in err
    assert not out.exists()


def test_repeated_columns_and_unnamed_columns_with_data(tmp_path, capsys):
    code, _ = _run(tmp_path, "has_plan,HAS_PLAN,\ndraft,draft,oops\n")
    assert code == 1
    err = capsys.readouterr().err
    assert "survey.csv:1:2: column `HAS_PLAN` repeats column 1" in err
    assert "survey.csv:1:3: column 3 has no name but holds answers" in err


def test_trailing_empty_column_is_ignored(tmp_path, mini_rules):
    code, out = _run(tmp_path, "has_plan,\ndraft,\n")
    assert code == 0
    assert _loaded(mini_rules, out)["row-2.yaml"].answers == {"has_plan": "draft"}


def test_too_many_cells(tmp_path, capsys):
    code, _ = _run(tmp_path, "has_plan\ndraft,extra\n")
    assert code == 1
    assert "survey.csv:2:2: row has 2 cells but the header has 1 columns" in \
        capsys.readouterr().err


def test_duplicate_respondent_ids(tmp_path, capsys):
    code, _ = _run(tmp_path, "id,has_plan\nx,draft\nx,none\n")
    assert code == 1
    assert "survey.csv:3:1: respondent id `x` is used twice (also on line 2)" in \
        capsys.readouterr().err


def test_semicolons_tabs_and_a_byte_order_mark(tmp_path, mini_rules):
    for name, text in (("semi.csv", "id;has_plan;helpers\np;draft;\"legal;finance\"\n"),
                       ("tab.csv", "id\thas_plan\thelpers\np\tdraft\tlegal|finance\n")):
        path = tmp_path / name
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        out = tmp_path / name.replace(".csv", "")
        assert main(["import", str(path), "-o", str(out), "--rules", str(MINI)]) == 0
        assert _loaded(mini_rules, out)["p.yaml"].answers == {
            "has_plan": "draft", "helpers": ["legal", "finance"]}


def test_multi_line_cells_keep_the_starting_line(tmp_path, capsys):
    code, _ = _run(tmp_path, 'comments,has_plan\n"line one\nline two",maybe\n')
    assert code == 1
    assert "survey.csv:2:2:" in capsys.readouterr().err


def test_neither_utf8_nor_windows_1252(tmp_path, capsys):
    code, _ = _run(tmp_path, "", raw=b"has_plan\ncaf\x81\n")
    assert code == 1
    assert "survey.csv:2:4: byte 0x81 is not valid UTF-8 nor Windows-1252" in \
        capsys.readouterr().err


def test_size_limit(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_CSV_BYTES", 20)
    code, _ = _run(tmp_path, HEADER)
    assert code == 1
    assert "over the limit of 20" in capsys.readouterr().err


def test_empty_file(tmp_path, capsys):
    code, _ = _run(tmp_path, "")
    assert code == 1
    assert "the file is empty" in capsys.readouterr().err


def test_respondent_ids_cannot_escape_the_folder(tmp_path):
    code, out = _run(tmp_path, "id,has_plan\n../../evil,draft\n/etc/passwd,none\n.hidden,draft\n"
                     "***,none\n")
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["_.._evil.yaml", "_etc_passwd.yaml", "hidden.yaml", "row-5.yaml"]
    assert not (tmp_path / "evil.yaml").exists()


def test_existing_files_are_never_overwritten(tmp_path, capsys):
    code, out = _run(tmp_path, "id,has_plan\na,draft\nb,none\n")
    assert code == 0
    (out / "b.yaml").write_text("something else", encoding="utf-8")
    before = (out / "a.yaml").read_bytes()
    code, _ = _run(tmp_path, "id,has_plan\na,agreed\nb,none\n")
    assert code == 1
    assert "b.yaml: already exists with other content" in capsys.readouterr().err
    assert (out / "a.yaml").read_bytes() == before
    assert (out / "b.yaml").read_text(encoding="utf-8") == "something else"


def test_re_running_the_same_import_changes_nothing(tmp_path, capsys):
    text = "id,has_plan\na,draft\n"
    assert _run(tmp_path, text)[0] == 0
    capsys.readouterr()
    assert _run(tmp_path, text)[0] == 0
    assert "wrote 0 answers files" in capsys.readouterr().out


def test_output_folder_that_is_a_file(tmp_path, capsys):
    (tmp_path / "out").write_text("x", encoding="utf-8")
    code, _ = _run(tmp_path, "id,has_plan\na,draft\n")
    assert code == 1
    assert "this is a file, not a folder" in capsys.readouterr().err


def test_imported_files_make_a_group_report(tmp_path, capsys):
    import json

    rows = "".join(f"r{i},frontline,draft,yes,20,{1 + i % 5},legal,\n" for i in range(5))
    code, out = _run(tmp_path, HEADER + rows)
    assert code == 0
    report = tmp_path / "group.json"
    assert main(["report", str(out), "-o", str(report), "--rules", str(MINI)]) == 0
    assert json.loads(report.read_text(encoding="utf-8"))["respondents"] == 5


# --- nothing lost or counted twice -------------------------------------------------------------


def test_skipping_rows_is_counted_and_fails_unless_expected(tmp_path, capsys):
    text = HEADER + "a,frontline,draft,,,,,\nb,,maybe,,,,,\na,frontline,none,,,,,\n"
    code, out = _run(tmp_path, text, "--skip-bad-rows")
    captured = capsys.readouterr()
    assert code == 1
    assert "skipped 2 bad rows (1 with a bad answer, 1 with a respondent id used twice)" in \
        captured.out
    assert "--allow-skipped" in captured.err
    assert [p.name for p in out.iterdir()] == ["a.yaml"]


def test_a_respondent_already_in_the_folder_under_another_name(tmp_path, capsys):
    code, out = _run(tmp_path, "id,has_plan\nalice,draft\n")
    assert code == 0
    (out / "alice.yaml").rename(out / "renamed.yaml")
    code, _ = _run(tmp_path, "id,has_plan\nalice,draft\nbob,none\n")
    assert code == 1
    err = capsys.readouterr().err
    assert "renamed.yaml: respondent `alice` (line 2) is already in the folder" in err
    assert sorted(p.name for p in out.iterdir()) == ["renamed.yaml"]


def test_every_row_gets_its_own_file_even_when_names_clash(tmp_path, mini_rules):
    """Ids that become the same file name, or differ only in case, never share a file."""
    code, out = _run(tmp_path, "id,has_plan\nx y,draft\nx_y-row-4,none\nx_y,agreed\n"
                     "Bob,draft\nbob,none\nBOB,agreed\n")
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 6 and len({n.casefold() for n in names}) == 6
    ids = sorted(load(out / n, mini_rules).answers.respondent.id for n in names)
    assert ids == sorted(["x y", "x_y-row-4", "x_y", "Bob", "bob", "BOB"])


@pytest.mark.parametrize("rid", ["CON", "nul", "Com1", "LPT9", "aux.txt", "prn"])
def test_windows_device_names_are_never_file_names(tmp_path, rid):
    code, out = _run(tmp_path, f"id,has_plan\n{rid},draft\n")
    assert code == 0
    (name,) = [p.name for p in out.iterdir()]
    assert name.split(".")[0].casefold() not in {"con", "nul", "com1", "lpt9", "aux", "prn"}


@pytest.mark.parametrize("cell", ["9" * 400, "1" * 5000, "1e999", "NaN", "-inf", "1e16"])
def test_huge_or_infinite_numbers_give_a_located_error(tmp_path, capsys, cell):
    code, _ = _run(tmp_path, f"id,staff,managers,comments\na,{cell},3,x\nb,4,{cell},y\n")
    err = capsys.readouterr().err
    assert code == 1
    assert "survey.csv:2:2: " in err and "survey.csv:3:3: " in err and "Traceback" not in err


@pytest.mark.parametrize(("cell", "expected"), [
    ("Legal advice, Finance advice", ["legal", "finance"]),
    ("Legal advice;Finance advice;", ["legal", "finance"]),
    ("legal finance", ["legal", "finance"]),
    ("Finance advice", ["finance"]),
    ("Don't know", "dont_know"),
])
def test_multi_choice_joined_as_the_platforms_join_it(cell, expected, mini_rules):
    assert csv_import.parse_cell(mini_rules.question("helpers"), cell) == (expected, None)


def test_a_label_holding_a_comma_stays_whole(mini_rules):
    from spinout.ruleset.model import Option

    q = mini_rules.question("helpers")
    q = replace(q, options=(
        Option(value="hr", label="Advice, HR and pensions"),
        Option(value="legal", label="Legal advice"), Option(value="finance", label="Finance")))
    assert csv_import.parse_cell(q, "Advice, HR and pensions, Finance") == (["hr", "finance"],
                                                                            None)
    assert csv_import.parse_cell(q, "Advice, HR and pensions") == (["hr"], None)
    value, error = csv_import.parse_cell(q, "Advice, Finance")
    assert value is None and error is not None
