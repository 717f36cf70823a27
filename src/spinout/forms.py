"""`spinout form`: the questionnaire on paper (Markdown or HTML) or as a CSV template.

The printable form numbers every question, shows its id (the column name for data entry and
`spinout import`), its options as tick boxes, "Don't know" where allowed, the range of number
answers and, for follow-up questions, when to answer them in plain words.

The XLSForm (``xlsx``) is the questionnaire as a web survey for KoboToolbox, ODK and Enketo;
see :mod:`spinout.xlsform`.

The CSV template is one header row, ``respondent_id,role,<question ids in questionnaire
order>``, ready for a survey tool or a spreadsheet; the values each column accepts are printed
to stderr as a column guide, so the CSV itself stays valid for `spinout import`.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from spinout.qtypes import DONT_KNOW_LABEL, answer_label
from spinout.record import Record, replace
from spinout.ruleset.conditions import Condition, describe
from spinout.ruleset.model import Question, RuleSet

FORMATS = ("md", "html", "csv", "xlsx")
BOX = "☐"
FIXED_COLUMNS = ("respondent_id", "role")


# --- the form's content, shared by Markdown and HTML -------------------------------------------


class FormQuestion(Record):
    number: int
    id: str
    text: str
    help: str
    instruction: str
    boxes: tuple[str, ...]
    blank: str  # "number", "text" or ""
    only_if: str


class FormSection(Record):
    name: str
    intro: str
    questions: tuple[FormQuestion, ...]


def numbering(rs: RuleSet) -> dict[str, int]:
    """Question id -> its number on the form (questionnaire order, from 1)."""
    return {q.id: i for i, q in enumerate(rs.questions_in_order(), 1)}


def sections(rs: RuleSet) -> tuple[FormSection, ...]:
    numbers = numbering(rs)
    found = []
    for s in rs.sections:
        qs = tuple(_question(rs, q, numbers) for q in rs.questions_in_order()
                   if q.section == s.id)
        if qs:
            found.append(FormSection(s.name, s.intro, qs))
    return tuple(found)


def _question(rs: RuleSet, q: Question, numbers: dict[str, int]) -> FormQuestion:
    kind = q.kind
    boxes = [label for _, label in kind.choices(q)]
    if q.dont_know and kind.reads_dont_know(q):
        boxes.append(DONT_KNOW_LABEL)
    only_if = only_if_words(rs, q.when, numbers) if q.when is not None else ""
    return FormQuestion(numbers[q.id], q.id, q.text, q.help, kind.instruction(q), tuple(boxes),
                        kind.blank(q), only_if)


def only_if_words(rs: RuleSet, cond: Condition, numbers: dict[str, int]) -> str:
    """A question's condition in plain words, naming questions by their number."""
    def label(qid: str, value: object) -> str | None:
        if not rs.has("questions", qid):
            return None
        return answer_label(rs.question(qid), value)  # type: ignore[arg-type]

    def dimension(did: str) -> str:
        return rs.dimension(did).name if rs.has("dimensions", did) else did

    return describe(cond, lambda qid: f"question {numbers.get(qid, qid)}", label, dimension)


def roles(rs: RuleSet) -> tuple[str, ...]:
    return tuple(r.label for r in rs.roles)


# --- Markdown ----------------------------------------------------------------------------------


def markdown_form(rs: RuleSet) -> str:
    from spinout.report.text import md_escape, md_lines

    out = [f"# {md_escape(rs.header.title)}", "", md_escape(notice(rs)), "",
           "Questionnaire form. Tick one box unless a "
           "question says to tick all that apply. Skip a question marked “Answer only if” "
           "when what it says is not the case. The id in brackets after each number is the "
           "column name for typing answers into a spreadsheet.", "",
           "Your role (tick one):", ""]
    out += [f"- {BOX} {md_escape(label)}" for label in roles(rs)]
    out += ["", "Respondent id (optional): ____________________", ""]
    for s in sections(rs):
        out += [f"## {md_escape(s.name)}", ""]
        if s.intro.strip():
            out += [*md_lines(s.intro), ""]
        for q in s.questions:
            out += _markdown_question(q, md_escape)
    if rs.glossary:
        out += ["## Words used in this questionnaire", ""]
        out += [f"- **{md_escape(g.term)}**: {md_escape(g.definition)}" for g in rs.glossary]
    return "\n".join(out).rstrip() + "\n"


def notice(rs: RuleSet) -> str:
    """How old the guidance's sources are and when it was last reviewed, as every report
    says it."""
    from spinout.report.findings import rules_info
    from spinout.report.sentences import notice as said

    return said(rules_info(rs))


def _markdown_question(q: FormQuestion, esc: Any) -> list[str]:
    out = [f"### {q.number}\\. {esc(q.text)} \\[{esc(q.id)}\\]", ""]
    if q.only_if:
        out += [f"*Answer only if {esc(q.only_if)}.*", ""]
    out += [f"{esc(q.help)}", "", f"**{esc(q.instruction)}**", ""]
    if q.blank == "number":
        out += ["Number: ____________", ""]
    elif q.blank == "text":
        out += ["_" * 60, "", "_" * 60, ""]
    if q.boxes:
        out += [f"- {BOX} {esc(label)}" for label in q.boxes] + [""]
    return out


# --- HTML --------------------------------------------------------------------------------------

_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{{ title }} – questionnaire</title>
<style>
body { font-family: Georgia, "Times New Roman", serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; line-height: 1.4; color: #111; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; border-bottom: 1px solid #999;
       margin-top: 2em; }
.q { margin: 1.2em 0; page-break-inside: avoid; break-inside: avoid; }
.q h3 { font-size: 1.05em; margin: 0 0 .3em; }
.qid { font-family: monospace; font-weight: normal; color: #555; font-size: .85em; }
.only-if { font-style: italic; margin: .2em 0; }
.help { color: #444; font-size: .9em; margin: .2em 0; }
.instruction { font-weight: bold; font-size: .9em; margin: .3em 0; }
ul.boxes { list-style: none; padding-left: .5em; margin: .3em 0; }
ul.boxes li { margin: .25em 0; }
.box { font-size: 1.2em; margin-right: .4em; }
.line { border-bottom: 1px solid #333; height: 1.8em; margin: .3em 0; }
.short { width: 12em; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { page-break-after: avoid; break-after: avoid; } a { color: inherit; } }
</style>
</head>
<body>
<main>
<h1>{{ title }}</h1>
<p class="notice">{{ notice }}</p>
<p>Questionnaire form. Tick one box unless a question says to tick all that apply. Skip a
question marked “Answer only if” when what it says is not the case. The id after each
question is the column name for typing answers into a spreadsheet.</p>
<h2>About you</h2>
<div class="q">
<h3>Your role (tick one)</h3>
<ul class="boxes">{% for label in roles %}
<li><span class="box" aria-hidden="true">{{ box }}</span>{{ label }}</li>{% endfor %}
</ul>
<p>Respondent id (optional):</p><div class="line short"></div>
</div>
{% for s in sections %}
<h2>{{ s.name }}</h2>{% if s.intro %}
<p>{{ s.intro }}</p>{% endif %}
{% for q in s.questions %}
<div class="q" id="q-{{ q.id }}">
<h3>{{ q.number }}. {{ q.text }} <span class="qid">[{{ q.id }}]</span></h3>
{% if q.only_if %}<p class="only-if">Answer only if {{ q.only_if }}.</p>{% endif %}
<p class="help">{{ q.help }}</p>
<p class="instruction">{{ q.instruction }}</p>
{% if q.blank == "number" %}<div class="line short"></div>{% endif %}
{% if q.blank == "text" %}<div class="line"></div><div class="line"></div>{% endif %}
{% if q.boxes %}<ul class="boxes">{% for label in q.boxes %}
<li><span class="box" aria-hidden="true">{{ box }}</span>{{ label }}</li>{% endfor %}
</ul>{% endif %}
</div>
{% endfor %}{% endfor %}
{% if glossary %}
<h2>Words used in this questionnaire</h2>
<dl>{% for term, definition in glossary %}
<dt><strong>{{ term }}</strong></dt><dd>{{ definition }}</dd>{% endfor %}
</dl>
{% endif %}
</main>
</body>
</html>
"""


def html_form(rs: RuleSet) -> str:
    from jinja2 import Environment, StrictUndefined

    from spinout.report.text import clean

    env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["clean"] = clean
    template = env.from_string(_HTML)
    return template.render(title=clean(rs.header.title), roles=[clean(r) for r in roles(rs)],
                           sections=_cleaned(sections(rs)), box=BOX, notice=notice(rs),
                           glossary=[(clean(g.term), clean(g.definition)) for g in rs.glossary])


def _cleaned(found: tuple[FormSection, ...]) -> tuple[FormSection, ...]:
    """Sections with terminal escapes and control characters removed from every text."""
    from spinout.report.text import clean

    return tuple(
        FormSection(clean(s.name), clean(s.intro).strip(), tuple(
            replace(q, text=clean(q.text), help=clean(q.help), instruction=clean(q.instruction),
                    boxes=tuple(clean(b) for b in q.boxes), only_if=clean(q.only_if))
            for q in s.questions))
        for s in found)


# --- CSV template ------------------------------------------------------------------------------


def csv_template(rs: RuleSet) -> str:
    """The header row: respondent id, role and every question id in questionnaire order."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(
        [*FIXED_COLUMNS, *(q.id for q in rs.questions_in_order())])
    return buffer.getvalue()


def column_guide(rs: RuleSet) -> str:
    """What each CSV column accepts, one line per column, as plain text for stderr."""
    from spinout.textsafe import one_line

    lines = ["Columns of the CSV template (an empty cell means not answered):",
             "  respondent_id: any short text (names the answers file); optional",
             "  role: " + " | ".join(r.id for r in rs.roles) + " (or the role's label)"]
    for q in rs.questions_in_order():
        lines.append(f"  {q.id}: {_accepts(q)}")
    return "\n".join(one_line(line) for line in lines) + "\n"


def _accepts(q: Question) -> str:
    text = q.kind.accepts(q)
    if q.dont_know and q.kind.reads_dont_know(q):
        text += "; or dont_know"
    return text
