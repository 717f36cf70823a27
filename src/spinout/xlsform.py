"""`spinout form -o survey.xlsx`: the questionnaire as an XLSForm, the spreadsheet form
definition that KoboToolbox, ODK and Enketo load as it is.

The workbook has the standard three sheets. ``survey``: the start and end times (recorded by
the platform, imported as the answers' ``started`` and ``updated``), the role question first
(field ``role``), then one group per section (its introduction as a note) holding its questions in
questionnaire order: question ids as field names, the question's text as label and its help
as hint, the type, choices and constraint its question type gives (:meth:`QuestionType.
xlsform`), "Don't know" where allowed, and every ``when`` as a ``relevant`` expression
(:func:`spinout.ruleset.conditions.xpath`). ``choices``: one list per question, named after
it. ``settings``: title, form id and version from the rule set.

A platform's export of this survey imports with `spinout import` without edits: its columns
are the field names, behind group prefixes.
"""

from __future__ import annotations

import io
import re

from spinout.qtypes import Shape
from spinout.ruleset.conditions import xpath
from spinout.ruleset.model import Question, RuleSet

ROLE_FIELD = "role"
ROLE_LABEL = "What is your role?"
SURVEY_COLUMNS = ("type", "name", "label", "hint", "relevant", "constraint",
                  "constraint_message", "required")
CHOICE_COLUMNS = ("list_name", "name", "label")
_NOT_NAME = re.compile(r"[^A-Za-z0-9_]")


def survey_rows(rs: RuleSet) -> list[dict[str, str]]:
    """The ``survey`` sheet, one dict per row."""
    from spinout.report.text import clean

    taken = {q.id for q in rs.questions} | {ROLE_FIELD}
    rows = [{"type": kind, "name": _unique(kind, taken)} for kind in ("start", "end")]
    from spinout.forms import notice

    rows.append({"type": "note", "name": _unique("about", taken), "label": clean(notice(rs))})
    rows.append({"type": f"select_one {ROLE_FIELD}", "name": ROLE_FIELD, "label": ROLE_LABEL})
    for section in rs.sections:
        questions = [q for q in rs.questions_in_order() if q.section == section.id]
        if not questions:
            continue
        group = _unique(section.id, taken)
        rows.append({"type": "begin_group", "name": group, "label": clean(section.name)})
        if section.intro.strip():
            rows.append({"type": "note", "name": _unique(f"{group}_intro", taken),
                         "label": clean(section.intro).strip()})
        rows += [_question_row(rs, q) for q in questions]
        rows.append({"type": "end_group", "name": group})
    return rows


def _question_row(rs: RuleSet, q: Question) -> dict[str, str]:
    from spinout.report.text import clean

    field = q.kind.xlsform(q)
    kind = f"{field.type} {q.id}" if field.choices else field.type
    hint = " ".join(part for part in (clean(q.help).strip(), field.hint) if part)
    row = {"type": kind, "name": q.id, "label": clean(q.text), "hint": hint,
           "constraint": field.constraint, "constraint_message": field.constraint_message}
    if q.when is not None:
        row["relevant"] = xpath(q.when, lambda qid, value: _choice_name(rs, qid, value))
    return row


def _choice_name(rs: RuleSet, qid: str, value: object) -> str | None:
    q = rs.question(qid)
    if not q.kind.xlsform(q).choices and q.kind.shape(q) == Shape.NUMBER:
        return None
    return q.kind.xlsform_name(q, value)  # type: ignore[arg-type]


def choice_rows(rs: RuleSet) -> list[dict[str, str]]:
    """The ``choices`` sheet: the roles, then each select question's list."""
    from spinout.report.text import clean

    rows = [{"list_name": ROLE_FIELD, "name": r.id, "label": clean(r.label)} for r in rs.roles]
    for q in rs.questions_in_order():
        for name, label in q.kind.xlsform(q).choices:
            rows.append({"list_name": q.id, "name": name, "label": clean(label)})
    return rows


def settings_row(rs: RuleSet) -> dict[str, str]:
    from spinout.report.text import clean

    h = rs.header
    return {"form_title": clean(h.title), "form_id": _NOT_NAME.sub("_", f"spinout_{h.name}"),
            "version": clean(h.version)}


def _unique(name: str, taken: set[str]) -> str:
    found, n = name, 2
    while found in taken:
        found = f"{name}_{n}"
        n += 1
    taken.add(found)
    return found


def xlsform(rs: RuleSet) -> bytes:
    """The XLSForm workbook (.xlsx) for the rule set."""
    from openpyxl import Workbook

    book = Workbook()
    for sheet in list(book.worksheets):
        book.remove(sheet)
    _fill(book.create_sheet("survey"), SURVEY_COLUMNS, survey_rows(rs))
    _fill(book.create_sheet("choices"), CHOICE_COLUMNS, choice_rows(rs))
    settings = settings_row(rs)
    _fill(book.create_sheet("settings"), tuple(settings), [settings])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(sheet: object, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    """Write a header and rows; every cell is text, never a formula."""
    for r, values in enumerate([dict(zip(columns, columns, strict=True)), *rows], 1):
        for c, column in enumerate(columns, 1):
            text = values.get(column, "")
            if text:
                cell = sheet.cell(row=r, column=c, value=text)  # type: ignore[attr-defined]
                cell.data_type = "s"
    for c, column in enumerate(columns, 1):
        letter = sheet.cell(row=1, column=c).column_letter  # type: ignore[attr-defined]
        sheet.column_dimensions[letter].width = 40 if column in ("label", "hint",  # type: ignore[attr-defined]
                                                                "relevant") else 16
