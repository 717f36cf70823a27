"""`spinout import` reads the survey platforms' own exports without hand edits.

Each fixture in tests/fixtures/exports holds the same four made-up respondents, written by hand
in the shape the platform's documentation gives its export (the source is named in each
test), and must give the same answers files as the id-headed CSV (mini_ids.csv), apart from
the respondent id and dates the platform adds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from group_helpers import MINI

from spinout.__main__ import main
from spinout.answers.store import load

EXPORTS = Path(__file__).resolve().parent / "fixtures" / "exports"


def _import(src: Path, out: Path, *extra: str, rules: Path = MINI) -> int:
    return main(["import", str(src), "-o", str(out), "--rules", str(rules), *extra])


def _files(rules, out: Path) -> list:
    """The answers files, sorted by file name."""
    return [load(p, rules).answers for p in sorted(out.iterdir())]


@pytest.fixture(scope="module")
def reference(tmp_path_factory, mini_rules):
    out = tmp_path_factory.mktemp("reference")
    assert _import(EXPORTS / "mini_ids.csv", out) == 0
    files = _files(mini_rules, out)
    assert [f.respondent.id for f in files] == ["r1", "r2", "r3", "r4"]
    return [(f.respondent.role, f.answers) for f in files]


def _check(mini_rules, tmp_path, capsys, src: Path, ids: list[str], updated: list[str],
           reference) -> list:
    out = tmp_path / "out"
    code = _import(src, out)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Traceback" not in captured.err
    files = _files(mini_rules, out)
    by_id = {f.respondent.id: f for f in files}
    assert sorted(by_id) == sorted(ids)
    ordered = [by_id[i] for i in ids]
    assert [(f.respondent.role, f.answers) for f in ordered] == reference
    assert [f.updated for f in ordered] == updated
    return ordered


def test_google_forms_csv(mini_rules, tmp_path, capsys, reference):
    """Google Forms, Responses > Download responses (.csv): a Timestamp column, the e-mail
    address when collected, then one column per question headed by its title; checkbox
    answers joined by ", " (Google Forms Help, "View & manage form responses")."""
    out = tmp_path / "out"
    assert _import(EXPORTS / "google_forms.csv", out) == 0
    files = [load(out / f"row-{n}.yaml", mini_rules).answers for n in (2, 3, 4, 5)]
    assert [(f.respondent.role, f.answers) for f in files] == reference
    assert [f.updated for f in files] == ["2024-03-05T10:12:33+00:00",
                                          "2024-03-05T11:40:02+00:00",
                                          "2024-03-06T09:05:10+00:00",
                                          "2024-03-14T16:30:00+00:00"]
    err = capsys.readouterr().err
    assert "left out 1 column (metadata, or no answers): `Email address`" in err


def test_surveymonkey_csv_with_two_header_rows(mini_rules, tmp_path, capsys, reference):
    """SurveyMonkey, Analyze > Save as > All individual responses > CSV, original view:
    respondent columns (Respondent ID, Collector ID, Start Date, End Date, IP Address, e-mail,
    names, custom data), then the questions; a second header row says "Response" or
    "Open-Ended Response", or names the option of a multiple-choice question, which has one
    column per option holding the option's label when ticked (SurveyMonkey Help, "Exporting
    data: individual responses"). Dates are month first."""
    _check(mini_rules, tmp_path, capsys, EXPORTS / "surveymonkey.csv",
           ["114000000001", "114000000002", "114000000003", "114000000004"],
           ["2024-03-05T10:12:33", "2024-03-05T11:40:02", "2024-03-06T09:05:10",
            "2024-03-14T16:30:00"], reference)


def test_smartsurvey_csv(mini_rules, tmp_path, capsys, reference):
    """SmartSurvey, Results > Export > raw data (CSV), as its help centre describes it:
    respondent columns (UserID, IP Address, Started, Ended, tracking link, name, e-mail),
    numbered question columns, a multiple-choice question one column per option with the
    option in the second header row. Dates are day first, UK style. (Written from the help
    pages, not from a live export.)"""
    files = _check(mini_rules, tmp_path, capsys, EXPORTS / "smartsurvey.csv",
                   ["90000001", "90000002", "90000003", "90000004"],
                   ["2024-03-05T10:12:00", "2024-03-05T11:40:00", "2024-03-06T09:05:00",
                    "2024-03-14T16:30:00"], reference)
    assert files[0].started == "2024-03-05T10:02:00"


def test_qualtrics_csv_with_three_header_rows(mini_rules, tmp_path, capsys, reference):
    """Qualtrics, Data & Analysis > Export > CSV with choice text: the first header row
    holds the column names (StartDate … ResponseId … Q1, Q2), the second the question
    texts, the third {"ImportId": …}; multiple answers joined by commas, in UTF-8 with a
    byte order mark (Qualtrics support, "Understanding your dataset")."""
    _check(mini_rules, tmp_path, capsys, EXPORTS / "qualtrics.csv",
           ["R_1aBcDeFgHiJkLmN", "R_2aBcDeFgHiJkLmN", "R_3aBcDeFgHiJkLmN",
            "R_4aBcDeFgHiJkLmN"],
           ["2024-03-05T10:12:33", "2024-03-05T11:40:02", "2024-03-06T09:05:10",
            "2024-03-14T16:30:00"], reference)


def test_kobotoolbox_csv_with_groups_and_split_columns(mini_rules, tmp_path, capsys,
                                                       reference):
    """KoboToolbox, Data > Downloads > CSV, XML values and headers, groups included with
    "/" as separator, select_multiple both as one column (space-separated) and one column per
    option (1/0), ";" between fields; metadata _id, _uuid, _submission_time, _index…
    (KoboToolbox Help, "Exporting and downloading your data")."""
    _check(mini_rules, tmp_path, capsys, EXPORTS / "kobo.csv",
           [f"5f0c1b2a-0000-4000-8000-00000000000{n}" for n in range(1, 5)],
           ["2024-03-05T10:12:33+00:00", "2024-03-05T11:40:02+00:00",
            "2024-03-06T09:05:10+00:00", "2024-03-14T16:30:00+00:00"], reference)


def test_kobotoolbox_split_columns_alone(mini_rules, tmp_path, capsys, reference):
    """The same export with select_multiple as one column per option only."""
    lines = (EXPORTS / "kobo.csv").read_text(encoding="utf-8").splitlines()
    trimmed = [";".join(c for i, c in enumerate(line.split(";")) if i != 7) for line in lines]
    src = tmp_path / "kobo_split.csv"
    src.write_text("\n".join(trimmed) + "\n", encoding="utf-8")
    _check(mini_rules, tmp_path, capsys, src,
           [f"5f0c1b2a-0000-4000-8000-00000000000{n}" for n in range(1, 5)],
           ["2024-03-05T10:12:33+00:00", "2024-03-05T11:40:02+00:00",
            "2024-03-06T09:05:10+00:00", "2024-03-14T16:30:00+00:00"], reference)


def test_odk_central_csv(mini_rules, tmp_path, capsys, reference):
    """ODK Central, Submissions > Download > CSV: SubmissionDate first, fields behind their
    group names joined by "-", select_multiple space-separated, then meta-instanceID, KEY
    and the review columns (ODK Central docs, "Submissions: downloading data")."""
    _check(mini_rules, tmp_path, capsys, EXPORTS / "odk_central.csv",
           ["uuid:0001", "uuid:0002", "uuid:0003", "uuid:0004"],
           ["2024-03-05T10:12:33+00:00", "2024-03-05T11:40:02+00:00",
            "2024-03-06T09:05:10+00:00", "2024-03-14T16:30:00+00:00"], reference)


def _microsoft_forms_workbook(path: Path) -> None:
    """Microsoft Forms, Responses > Open results in Excel: one sheet, columns ID, Start time,
    Completion time, Email, Name, then one column per question headed by its text; times are
    Excel dates, numbers are numbers, several choices joined by ";" with one at the end
    (Microsoft Support, "Check your form results")."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name",
                  "What is your role?", "Do you have a business plan?",
                  "Has the plan been tested with a bidder?",
                  "How many staff work in the service?",
                  "How much do your managers back the idea, from 1 to 5?",
                  "Which kinds of help do you have?", "Anything else?"])
    t = dt.datetime
    sheet.append([1, t(2024, 3, 5, 10, 2, 11), t(2024, 3, 5, 10, 12, 33), "anonymous", None,
                  "Frontline staff", "A draft", "Yes", 40, 4, "Legal advice;Finance advice;",
                  "Good idea, I think"])
    sheet.append([2, t(2024, 3, 5, 11, 31, 40), t(2024, 3, 5, 11, 40, 2), "anonymous", None,
                  "Senior manager", "Yes, agreed", "No", 1200, "Don't know", "Legal advice;",
                  None])
    sheet.append([3, t(2024, 3, 6, 8, 59), t(2024, 3, 6, 9, 5, 10), "anonymous", None,
                  "Frontline staff", "No", None, 12, 2, None, None])
    sheet.append([4, t(2024, 3, 14, 16, 20), t(2024, 3, 14, 16, 30), "anonymous", None,
                  "Senior manager", "Yes, agreed", "Yes", None, 5, "Finance advice;",
                  "Worried about “pensions”"])
    book.save(path)


def test_microsoft_forms_xlsx(mini_rules, tmp_path, capsys, reference):
    src = tmp_path / "Staff survey(1-4).xlsx"
    _microsoft_forms_workbook(src)
    files = _check(mini_rules, tmp_path, capsys, src, ["1", "2", "3", "4"],
                   ["2024-03-05T10:12:33", "2024-03-05T11:40:02", "2024-03-06T09:05:10",
                    "2024-03-14T16:30:00"], reference)
    assert files[0].started == "2024-03-05T10:02:11"


def test_dry_run_shows_the_mapping_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    assert _import(EXPORTS / "surveymonkey.csv", out, "--dry-run") == 0
    shown = capsys.readouterr().out
    assert "2 header rows" in shown
    assert "Respondent ID" in shown and "-> respondent id" in shown
    assert "-> question `helpers`, option `legal`" in shown
    assert "IP Address" in shown and "-> left out (metadata)" in shown
    assert "-> updated (date and time)" in shown
    assert "Would write 4 answers files" in shown
    assert not out.exists()


def test_dry_run_names_what_a_time_or_id_column_holds_once(tmp_path, capsys):
    """A time column says what it holds once; a column left out because another serves says
    what it would have been."""
    out = tmp_path / "out"
    assert _import(EXPORTS / "surveymonkey.csv", out, "--dry-run") == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("-> ")[1] for line in lines if "Date " in line] == [
        "started (date and time)", "updated (date and time)"]
    assert _import(EXPORTS / "qualtrics.csv", out, "--dry-run") == 0
    assert "-> left out (updated time, not used (another column serves))" in \
        capsys.readouterr().out
    src = tmp_path / "two_ids.csv"
    src.write_text("Respondent ID,uuid,has_plan\na,x,draft\n", encoding="utf-8")
    _import(src, out, "--dry-run")
    assert "-> left out (respondent id, not used (another column serves))" in \
        capsys.readouterr().out
    assert not out.exists()


def test_dry_run_lists_the_first_problems(tmp_path, capsys):
    src = tmp_path / "bad.csv"
    src.write_text("id,has_plan\na,maybe\nb,draft\n", encoding="utf-8")
    assert _import(src, tmp_path / "out", "--dry-run") == 1
    shown = capsys.readouterr().out
    assert "bad.csv:2:2: `maybe` is not an option" in shown
    assert "Would write 1 answers file; 1 bad row (1 with a bad answer)" in shown
    assert not (tmp_path / "out").exists()


def test_a_changed_wording_is_reported_never_mapped_elsewhere(tmp_path, capsys):
    """After the rule set rewords one question, its column in an old export matches no
    question: the import stops naming it (and the question it may have been), and with
    --ignore-unmatched leaves it out; no other question ever receives its answers."""
    from group_helpers import group_rules_dir

    rules = group_rules_dir(tmp_path)
    model = (rules / "model.yaml").read_text(encoding="utf-8")
    model = model.replace("text: How many staff work in the service?",
                          "text: How many people work in the service?")
    (rules / "model.yaml").write_text(model, encoding="utf-8")
    out = tmp_path / "out"
    assert _import(EXPORTS / "google_forms.csv", out, rules=rules) == 1
    err = capsys.readouterr().err
    assert "google_forms.csv:1:6: unknown column `How many staff work in the service?`" in err
    assert "the closest is `staff`" in err
    assert not out.exists()
    assert _import(EXPORTS / "google_forms.csv", out, "--ignore-unmatched", rules=rules) == 0
    from spinout.ruleset.loader import load_ruleset

    rs = load_ruleset(rules)
    first = load(out / "row-2.yaml", rs).answers.answers
    assert "staff" not in first and first["managers"] == 4 and first["has_plan"] == "draft"


def test_windows_1252_is_detected_or_named(tmp_path, mini_rules, capsys):
    text = "id,comments\na,café – “quoted”\n"
    src = tmp_path / "excel.csv"
    src.write_bytes(text.encode("cp1252"))
    assert _import(src, tmp_path / "out") == 0
    assert "read as Windows-1252" in capsys.readouterr().err
    assert load(tmp_path / "out" / "a.yaml", mini_rules).answers.answers == {
        "comments": "café – “quoted”"}
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,comments\nb,Ångström\n".encode("iso-8859-15"))
    assert _import(latin, tmp_path / "out2", "--encoding", "iso-8859-15") == 0
    assert load(tmp_path / "out2" / "b.yaml", mini_rules).answers.answers == {
        "comments": "Ångström"}
    assert _import(latin, tmp_path / "out3", "--encoding", "no-such-codec") == 2
    assert "unknown encoding `no-such-codec`" in capsys.readouterr().err
