"""`spinout form`: the questionnaire on paper (Markdown or HTML) or as a CSV template.

The printable form numbers every question, shows its id (the column name for data entry and
`spinout import`), its options as tick boxes, "Don't know" where allowed, the range of number
answers and, for follow-up questions, when to answer them in plain words.

The CSV template is one header row, ``respondent_id,role,<question ids in questionnaire
order>``, ready for a survey tool or a spreadsheet; the values each column accepts are printed
to stderr as a column guide, so the CSV itself stays valid for `spinout import`.
"""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spinout.engine.tally import choices
from spinout.errors import Problem, UsageError
from spinout.ruleset.model import (
    AllCondition,
    AnswerCondition,
    AnyCondition,
    DimensionCondition,
    NotCondition,
    Question,
    RuleSet,
)

FORMATS = ("md", "html", "csv")
_ALIASES = {"md": "md", "markdown": "md", "html": "html", "htm": "html", "csv": "csv"}
_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".csv": "csv"}
BOX = "☐"
DONT_KNOW_LABEL = "Don't know"
FIXED_COLUMNS = ("respondent_id", "role")


def run_form(output: Path | None, fmt: str | None, rules_dir: Path | None) -> None:
    """Write the form (or CSV template) to ``output``, or stdout when it is None."""
    from spinout.report.build import check_output, write_output
    from spinout.ruleset.loader import load_ruleset

    chosen = form_format(output, fmt)
    check_output(output, [])
    rs = load_ruleset(rules_dir)
    if chosen == "csv":
        write_output(output, csv_template(rs))
        sys.stderr.write(column_guide(rs))
        return
    write_output(output, markdown_form(rs) if chosen == "md" else html_form(rs))


def form_format(output: Path | None, fmt: str | None) -> str:
    """``fmt`` when given, else from the output's suffix; Markdown when neither says."""
    if fmt is not None:
        chosen = _ALIASES.get(fmt.strip().lower())
        if chosen is None:
            raise UsageError(Problem("--format", None, None, f"unknown format `{fmt}`",
                                     "use one of " + ", ".join(FORMATS)))
        return chosen
    if output is None:
        return "md"
    suffix = Path(output).suffix.lower()
    if suffix not in _SUFFIXES:
        raise UsageError(Problem(str(output), None, None, f"cannot tell the format from "
                                 f"`{suffix or 'no suffix'}`", "end the name in .md, .html "
                                 "or .csv, or give --format"))
    return _SUFFIXES[suffix]


# --- the form's content, shared by Markdown and HTML -------------------------------------------


@dataclass(frozen=True)
class FormQuestion:
    number: int
    id: str
    text: str
    help: str
    instruction: str
    boxes: tuple[str, ...]
    blank: str  # "number", "text" or ""
    only_if: str


@dataclass(frozen=True)
class FormSection:
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
    boxes: list[str] = [_label(q, v) for v in choices(q)]
    blank = ""
    if q.type == "multi":
        instruction = "Tick all that apply."
    elif boxes:
        instruction = "Tick one box."
    elif q.type == "text":
        instruction = "Write your answer (optional)."
        blank = "text"
    else:
        instruction = "Write a number" + (f" from {_num(q.min)} to {_num(q.max)}"
                                          if q.min is not None and q.max is not None else "")
        instruction += "."
        blank = "number"
    if q.dont_know and q.type != "text":
        boxes.append(DONT_KNOW_LABEL)
    only_if = describe(rs, q.when, numbers) if q.when is not None else ""
    return FormQuestion(numbers[q.id], q.id, q.text, q.help, instruction, tuple(boxes), blank,
                        only_if)


def _label(q: Question, value: object) -> str:
    option = q.option(value)
    if option is not None:
        return option.label
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return _num(value)


def _num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def describe(rs: RuleSet, cond: Any, numbers: dict[str, int]) -> str:
    """A question's condition in plain words, naming questions by their number."""
    if isinstance(cond, AllCondition):
        return " and ".join(_part(rs, c, numbers) for c in cond.all)
    if isinstance(cond, AnyCondition):
        return " or ".join(_part(rs, c, numbers) for c in cond.any)
    if isinstance(cond, NotCondition):
        return f"it is not the case that {_part(rs, cond.not_, numbers)}"
    if isinstance(cond, DimensionCondition):
        name = rs.dimension(cond.dimension).name if rs.has("dimensions", cond.dimension) \
            else cond.dimension
        limit = f"below {_num(cond.below)}" if cond.below is not None else \
            f"at least {_num(cond.at_least)}"
        return f"the {name} score is {limit}"
    return _answer_words(rs, cond, numbers)


def _part(rs: RuleSet, cond: Any, numbers: dict[str, int]) -> str:
    words = describe(rs, cond, numbers)
    return f"({words})" if isinstance(cond, AllCondition | AnyCondition) else words


def _answer_words(rs: RuleSet, cond: AnswerCondition, numbers: dict[str, int]) -> str:
    where = f"question {numbers.get(cond.answer, cond.answer)}"
    q = rs.question(cond.answer) if rs.has("questions", cond.answer) else None

    def label(value: object) -> str:
        return f"“{_label(q, value)}”" if q is not None else f"“{_num(value)}”"

    test = cond.test
    if test == "is_":
        return f"you answered {label(cond.is_)} to {where}"
    if test == "in_":
        return f"you answered {' or '.join(label(v) for v in cond.in_ or ())} to {where}"
    if test == "includes":
        return f"you ticked {label(cond.includes)} at {where}"
    if test == "at_least":
        return f"your answer to {where} is at least {_num(cond.at_least)}"
    if test == "at_most":
        return f"your answer to {where} is at most {_num(cond.at_most)}"
    if cond.answered:
        return f"you answered {where}"
    return f"you did not answer {where} or did not know"


def roles(rs: RuleSet) -> tuple[str, ...]:
    return tuple(r.label for r in rs.roles)


# --- Markdown ----------------------------------------------------------------------------------


def markdown_form(rs: RuleSet) -> str:
    from spinout.report.text import md_escape, md_lines

    out = [f"# {md_escape(rs.header.title)}", "", "Questionnaire form. Tick one box unless a "
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
    return "\n".join(out).rstrip() + "\n"


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
                           sections=_cleaned(sections(rs)), box=BOX)


def _cleaned(found: tuple[FormSection, ...]) -> tuple[FormSection, ...]:
    """Sections with terminal escapes and control characters removed from every text."""
    from dataclasses import replace

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
    if q.type == "yes_no":
        text = "yes | no (also true/false, 1/0)"
    elif q.type == "multi":
        text = "any of " + " | ".join(_num(v) for v in choices(q)) + \
            ", separated by ; or | (values or labels)"
    elif choices(q):
        text = "one of " + " | ".join(_num(v) for v in choices(q)) + " (value or label)"
    elif q.type == "text":
        text = "free text"
    elif q.min is not None and q.max is not None:
        text = f"a number from {_num(q.min)} to {_num(q.max)}"
    else:
        text = "a number"
    if q.dont_know and q.type != "text":
        text += "; or dont_know"
    return text
