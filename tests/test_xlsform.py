"""`spinout form -o survey.xlsx`: an XLSForm that pyxform, the reference XLSForm converter,
turns into an XForm without error, built from the rules: fields named by question id, the
role question first, "Don't know" where allowed, ranges as constraints and every `when` as a
`relevant` expression."""

from __future__ import annotations

import io
import shutil

import pytest
from group_helpers import MINI, group_rules_dir
from rule_items import condition

from spinout.__main__ import main
from spinout.ruleset.conditions import xpath
from spinout.xlsform import choice_rows, survey_rows, xlsform

openpyxl = pytest.importorskip("openpyxl")
pyxform = pytest.importorskip("pyxform.xls2xform")


def _sheets(data: bytes) -> dict[str, list[dict[str, str]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    found = {}
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        head = rows[0]
        found[sheet.title] = [{h: v for h, v in zip(head, row, strict=False) if v is not None}
                              for row in rows[1:]]
    return found


def _convert(data: bytes, validate: bool = False) -> str:
    warnings: list[str] = []
    result = pyxform.convert(io.BytesIO(data), warnings=warnings, validate=validate,
                             file_type=".xlsx")
    assert not [w for w in warnings if "error" in w.lower()], warnings
    return result.xform


def test_the_form_command_writes_an_xlsform_pyxform_converts(tmp_path, capsys):
    out = tmp_path / "survey.xlsx"
    assert main(["form", "-o", str(out), "--rules", str(MINI)]) == 0
    xform = _convert(out.read_bytes())
    assert "<has_plan/>" in xform and "<helpers/>" in xform
    assert "A small rule set for tests" in xform
    other = tmp_path / "survey.data"
    assert main(["form", "-o", str(other), "--format", "xlsform", "--rules", str(MINI)]) == 0
    assert other.read_bytes()[:2] == b"PK"


def test_the_bundled_rules_convert_and_pass_odk_validate(bundled_rules):
    """The bundled rule set's survey converts; where Java is present, ODK Validate (shipped
    with pyxform) also checks the XForm, its XPath expressions included."""
    xform = _convert(xlsform(bundled_rules), validate=shutil.which("java") is not None)
    assert xform.count("relevant=") == sum(1 for q in bundled_rules.questions if q.when)


def test_fields_labels_hints_and_role_first(mini_rules):
    rows = [r for r in survey_rows(mini_rules) if r["type"] not in ("start", "end")]
    assert rows[0]["type"] == "note" and "England from 2010–2012" in rows[0]["label"]
    assert rows[1] == {"type": "select_one role", "name": "role",
                       "label": "What is your role?"}
    fields = {r["name"]: r for r in rows}
    assert fields["has_plan"]["type"] == "select_one has_plan"
    assert fields["has_plan"]["label"] == "Do you have a business plan?"
    assert fields["has_plan"]["hint"] == "Business planning is one of the five key issues."
    assert fields["helpers"]["type"] == "select_multiple helpers"
    assert fields["comments"]["type"] == "text"
    assert fields["staff"]["type"] == "integer"
    assert fields["staff"]["constraint"] == ". >= 1 and . <= 100000"
    assert fields["managers"]["type"] == "select_one managers"
    assert [r["type"] for r in rows].count("begin_group") == 2


def test_dont_know_only_where_allowed(mini_rules):
    lists: dict[str, list[str]] = {}
    for row in choice_rows(mini_rules):
        lists.setdefault(row["list_name"], []).append(row["name"])
    assert lists["role"] == ["frontline", "senior"]
    assert lists["has_plan"] == ["none", "draft", "agreed", "dont_know"]
    assert lists["managers"] == ["1", "2", "3", "4", "5", "dont_know"]
    assert lists["plan_tested"] == ["true", "false", "dont_know"]
    assert "staff" not in lists  # a number, and "don't know" is not allowed


def test_when_becomes_relevant(mini_rules):
    fields = {r["name"]: r for r in survey_rows(mini_rules)}
    assert fields["plan_tested"]["relevant"] == \
        "(${has_plan} = 'draft' or ${has_plan} = 'agreed')"
    assert "relevant" not in fields["has_plan"]


@pytest.mark.parametrize(("cond", "expected"), [
    ({"answer": "has_plan", "is": "draft"}, "${has_plan} = 'draft'"),
    ({"answer": "plan_tested", "is": True}, "${plan_tested} = 'true'"),
    ({"answer": "helpers", "includes": "legal"}, "selected(${helpers}, 'legal')"),
    ({"answer": "staff", "is": 40}, "${staff} = 40"),
    ({"answer": "managers", "at_least": 4},
     "(${managers} != '' and ${managers} != 'dont_know' and ${managers} >= 4)"),
    ({"answer": "staff", "at_most": 10.5},
     "(${staff} != '' and ${staff} != 'dont_know' and ${staff} <= 10.5)"),
    ({"answer": "comments", "answered": True},
     "(${comments} != '' and ${comments} != 'dont_know')"),
    ({"answer": "managers", "answered": False},
     "not(${managers} != '' and ${managers} != 'dont_know')"),
])
def test_every_answer_test_in_xpath(cond, expected):
    numbers = {"staff"}
    def name(qid, value):
        return (None if qid in numbers else
                str(value).lower() if isinstance(value, bool) else str(value))
    assert xpath(condition(cond), name) == expected


def test_all_any_not_nest_with_brackets(mini_rules):
    cond = condition(
        {"all": [{"answer": "has_plan", "is": "draft"},
                 {"not": {"any": [{"answer": "helpers", "includes": "legal"},
                                  {"answer": "plan_tested", "is": False}]}}]})
    assert xpath(cond, lambda qid, v: str(v).lower()) == (
        "${has_plan} = 'draft' and not(selected(${helpers}, 'legal') or "
        "${plan_tested} = 'false')")
    with pytest.raises(ValueError):
        xpath(condition({"dimension": "x", "below": 3}),
              lambda qid, v: None)


def test_rule_texts_are_never_formulas_or_control_characters(tmp_path):
    from spinout.ruleset.loader import load_ruleset

    rules = group_rules_dir(tmp_path)
    model = (rules / "model.yaml").read_text(encoding="utf-8")
    model = model.replace("text: Do you have a business plan?",
                          'text: "=HYPERLINK(\\"http://x\\") \\e[31m\\x07"')
    (rules / "model.yaml").write_text(model, encoding="utf-8")
    data = xlsform(load_ruleset(rules))
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for row in book["survey"].iter_rows() for c in row if c.value]
    label = next(c for c in cells if str(c.value).startswith("=HYPERLINK"))
    assert label.data_type == "s"
    assert "\x1b" not in label.value and "\x07" not in label.value
    _convert(data)


def test_xlsform_needs_a_file_on_a_terminal(monkeypatch, capsys):
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["form", "--format", "xlsform", "--rules", str(MINI)]) == 2
    assert "give -o survey.xlsx" in capsys.readouterr().err


# --- round trip: XLSForm -> a KoboToolbox-shaped export of sample answers -> import ------------


def _kobo_export(data: bytes, respondents: list[tuple[str, str, dict]]) -> str:
    """The CSV KoboToolbox exports for this XLSForm (XML values and headers, groups joined
    by "/", select_multiple as one space-separated column plus one 1/0 column per choice,
    ";" between fields), for respondents given as (uuid, role, {field: answer label}).
    Answers are given as the labels the respondent saw and turned into choice names through
    the workbook's own choices sheet, as the platform does."""
    sheets = _sheets(data)
    names: dict[tuple[str, str], str] = {(c["list_name"], str(c["label"])): str(c["name"])
                                         for c in sheets["choices"]}
    lists: dict[str, list[str]] = {}
    for c in sheets["choices"]:
        lists.setdefault(c["list_name"], []).append(str(c["name"]))
    header, cells = ["start", "end"], []
    groups: list[str] = []
    fields = []
    for row in sheets["survey"]:
        kind, name = row["type"], row["name"]
        if kind == "begin_group":
            groups.append(name)
        elif kind == "end_group":
            groups.pop()
        elif kind not in ("start", "end", "note"):
            path = "/".join([*groups, name])
            fields.append((path, name, kind))
            header.append(path)
            if kind.startswith("select_multiple"):
                header += [f"{path}/{choice}" for choice in lists[kind.split()[1]]]
    header += ["_id", "_uuid", "_submission_time", "_validation_status", "_index"]
    for n, (uuid, role, given) in enumerate(respondents, 1):
        line = ["2024-03-05T10:00:00.000+00:00", f"2024-03-05T10:{n:02d}:00.000+00:00"]
        for _path, name, kind in fields:
            value = role if name == "role" else given.get(name)
            if kind.startswith("select_multiple"):
                chosen = [names[(name, label)] for label in value or []]
                line.append(" ".join(chosen))
                line += [("1" if c in chosen else "0") if value else ""
                         for c in lists[name]]
            elif kind.startswith("select_one") and value is not None and name != "role":
                line.append(names[(name, value)])
            else:
                line.append("" if value is None else str(value))
        line += [str(n), uuid, f"2024-03-05T10:{n:02d}:09", "", str(n)]
        cells.append(line)
    import csv

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerows([header, *cells])
    return buffer.getvalue()


def _samples(rs, count: int) -> list[tuple[str, str, dict, dict]]:
    """(uuid, role, labels shown, expected answers) for ``count`` made-up respondents,
    each answering the questions shown to them, as a web form shows them."""
    from spinout.engine.visibility import effective_answers
    from spinout.qtypes import answer_label

    found = []
    for n in range(count):
        answers: dict = {}
        for i, q in enumerate(rs.questions_in_order()):
            choices = q.kind.prompt_choices(q)
            if q.kind.shape(q).name == "MULTI":
                answers[q.id] = [v for j, (v, _) in enumerate(choices) if (n + j) % 2 == 0]
            elif choices:
                answers[q.id] = choices[(n + i) % len(choices)][0]
            elif q.kind.shape(q).name == "NUMBER":
                answers[q.id] = int(q.min or 0) + n
            elif n % 2:
                answers[q.id] = f"Comment {n}; with, punctuation"
        if n == 1:
            first = next(q for q in rs.questions_in_order() if q.dont_know
                         and q.kind.xlsform(q).choices)
            answers[first.id] = "dont_know"
        shown = effective_answers(rs, answers)
        labels = {}
        for qid, value in shown.items():
            q = rs.question(qid)
            if value == "dont_know":
                labels[qid] = "Don't know" if q.kind.xlsform(q).choices else None
            elif isinstance(value, list):
                labels[qid] = [answer_label(q, v) for v in value]
            elif q.kind.xlsform(q).choices:
                labels[qid] = answer_label(q, value)
            else:
                labels[qid] = value
        role = rs.roles[n % len(rs.roles)].id
        found.append((f"00000000-0000-4000-8000-{n:012d}", role, labels, dict(shown)))
    return found


@pytest.mark.parametrize("which", ["mini", "bundled"])
def test_round_trip_through_a_kobo_shaped_export(which, tmp_path, mini_rules, bundled_rules,
                                                 capsys):
    from spinout.answers.store import load

    rs = mini_rules if which == "mini" else bundled_rules
    samples = _samples(rs, 6)
    export = tmp_path / "kobo.csv"
    export.write_text(_kobo_export(xlsform(rs), [(u, r, labels) for u, r, labels, _ in
                                                 samples]), encoding="utf-8")
    rules = ["--rules", str(MINI)] if which == "mini" else []
    out = tmp_path / "answers"
    assert main(["import", str(export), "-o", str(out), *rules]) == 0, capsys.readouterr().err
    for n, (uuid, role, _, expected) in enumerate(samples, 1):
        got = load(out / f"{uuid}.yaml", rs).answers
        assert got.respondent.role == role
        assert got.answers == expected
        assert got.updated == f"2024-03-05T10:{n:02d}:00+00:00"
