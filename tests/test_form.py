"""`spinout form`: printable Markdown and HTML forms and the CSV template."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pytest
from group_helpers import MINI, group_rules_dir

from spinout.__main__ import main
from spinout.forms import FORMATS, column_guide, csv_template, html_form, markdown_form
from spinout.output import format_for

HOSTILE = '"<script>alert(1)</script> **bold** [link](http://x) \\e[31mred [b]x[/b]?"'


@pytest.fixture()
def hostile_rules(tmp_path):
    from spinout.ruleset.loader import load_ruleset

    rules = group_rules_dir(tmp_path)
    model = (rules / "model.yaml").read_text(encoding="utf-8")
    model = model.replace("text: Do you have a business plan?", f"text: {HOSTILE}")
    model = model.replace("label: A draft\n", 'label: "<i>A draft</i> | `x`"\n')
    (rules / "model.yaml").write_text(model, encoding="utf-8")
    return load_ruleset(rules)


def test_markdown_form_numbers_questions_with_boxes(mini_rules):
    text = markdown_form(mini_rules)
    assert text.startswith("# A small rule set for tests\n")
    assert "## Planning" in text and "## People" in text
    assert "### 1\\. Do you have a business plan? \\[has_plan\\]" in text
    assert "- ☐ Yes, agreed" in text
    assert "- ☐ Frontline staff" in text


def test_dont_know_only_where_allowed(mini_rules):
    text = markdown_form(mini_rules)
    staff = text.split("How many staff")[1].split("###")[0]
    managers = text.split("How much do your managers")[1].split("###")[0]
    assert "Don't know" not in staff
    assert "- ☐ Don't know" in managers


def test_numbers_show_their_range_and_multi_says_tick_all(mini_rules):
    text = markdown_form(mini_rules)
    assert "Write a number from 1 to 100000." in text
    assert "Tick all that apply." in text.split("Which kinds of help")[1].split("###")[0]


def test_conditional_questions_say_when_in_plain_words(mini_rules):
    text = markdown_form(mini_rules)
    assert "*Answer only if you answered “A draft” or “Yes, agreed” to question 1.*" in text


def test_condition_wording_for_every_test(mini_rules):
    from spinout.forms import numbering, only_if_words

    numbers = numbering(mini_rules)

    def words(data):
        from rule_items import condition

        return only_if_words(mini_rules, condition(data), numbers)

    assert words({"answer": "plan_tested", "is": True}) == "you answered “Yes” to question 2"
    assert words({"answer": "helpers", "includes": "legal"}) == \
        "you ticked “Legal advice” at question 5"
    assert words({"answer": "managers", "at_least": 4}) == \
        "your answer to question 4 is at least 4"
    assert words({"answer": "staff", "at_most": 10}) == "your answer to question 3 is at most 10"
    assert words({"answer": "staff", "answered": True}) == "you answered question 3"
    assert words({"not": {"any": [{"answer": "staff", "answered": False},
                                  {"answer": "managers", "at_most": 2}]}}) == (
        "it is not the case that (you did not answer question 3 or did not know or your "
        "answer to question 4 is at most 2)")


def test_html_form_is_self_contained_with_print_css(mini_rules):
    page = html_form(mini_rules)
    assert page.startswith("<!DOCTYPE html>")
    assert "@media print" in page
    assert "http" not in page.split("<body>")[1]
    assert "<script" not in page
    assert page.count('class="q"') == len(mini_rules.questions) + 1
    HTMLParser().feed(page)


def test_hostile_rule_text_is_escaped_in_html(hostile_rules):
    page = html_form(hostile_rules)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<i>A draft</i>" not in page and "&lt;i&gt;A draft&lt;/i&gt;" in page
    assert "\x1b" not in page


def test_hostile_rule_text_is_escaped_in_markdown(hostile_rules):
    text = markdown_form(hostile_rules)
    assert "<script>" not in text and "\\<script\\>" in text
    assert "\\*\\*bold\\*\\*" in text and "\\[link\\]" in text
    assert "\x1b" not in text
    assert "\\<i\\>A draft\\</i\\> \\| \\`x\\`" in text


def test_csv_template_is_one_header_row(mini_rules):
    rows = list(csv.reader(io.StringIO(csv_template(mini_rules))))
    assert rows == [["respondent_id", "role", "has_plan", "plan_tested", "staff", "managers",
                     "helpers", "comments"]]


def test_column_guide_documents_allowed_values(mini_rules):
    guide = column_guide(mini_rules)
    assert "  has_plan: one of none | draft | agreed (value or label); or dont_know" in guide
    assert "  plan_tested: yes | no (also true/false, 1/0); or dont_know" in guide
    assert "  staff: a number from 1 to 100000\n" in guide
    assert "separated by ; or |" in guide
    assert "  role: frontline | senior" in guide


@pytest.mark.parametrize(("name", "fmt", "expected"), [
    ("form.md", None, "md"), ("form.HTML", None, "html"), ("form.htm", None, "html"),
    ("t.csv", None, "csv"), (None, None, "md"), ("x.txt", "csv", "csv"), (None, "html", "html"),
])
def test_format_from_option_or_suffix(tmp_path, name, fmt, expected):
    output = tmp_path / name if name else None
    assert format_for(output, fmt, FORMATS) == expected


def test_cli_writes_each_format(tmp_path, capsys):
    for name in ("form.md", "form.html", "template.csv"):
        assert main(["form", "-o", str(tmp_path / name), "--rules", str(MINI)]) == 0
    assert (tmp_path / "form.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "template.csv").read_text(encoding="utf-8").startswith(
        "respondent_id,role,has_plan")
    assert "has_plan: one of" in capsys.readouterr().err


def test_cli_prints_markdown_to_stdout(capsys):
    assert main(["form", "--rules", str(MINI)]) == 0
    assert capsys.readouterr().out.startswith("# A small rule set for tests")


def test_cli_refuses_unknown_format_and_suffix(tmp_path, capsys):
    assert main(["form", "--format", "pdf", "--rules", str(MINI)]) == 2
    assert "unknown format `pdf`" in capsys.readouterr().err
    assert main(["form", "-o", str(tmp_path / "form.txt"), "--rules", str(MINI)]) == 2
    assert "cannot tell the format" in capsys.readouterr().err
    assert not (tmp_path / "form.txt").exists()


def test_bundled_form_has_every_question(bundled_rules):
    text = markdown_form(bundled_rules)
    for i, q in enumerate(bundled_rules.questions_in_order(), 1):
        assert f"### {i}\\. " in text
        assert f"\\[{q.id}\\]" in text


def test_the_form_says_how_old_its_sources_are_and_explains_its_words(bundled_rules):
    md, html = markdown_form(bundled_rules), html_form(bundled_rules)
    for text in (md, html):
        head = text[:text.index("Your role")]
        assert "England from 2010–2012" in head and "last reviewed on" in head
        assert "Words used in this questionnaire" in text
        assert all(term.term in text for term in bundled_rules.glossary)
