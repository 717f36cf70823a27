"""What the questionnaire prints between prompts: the welcome, section headers, "why are we
asking", the review list and closing messages. Text from rules or answers is always passed
as rich ``Text`` (never parsed as markup) with terminal escapes removed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spinout.questionnaire.flow import ROLE, Progress, ReviewRow
from spinout.questionnaire.why import Explanation
from spinout.ruleset.model import RuleSet
from spinout.textsafe import strip_controls
from spinout.values import AnswerValue

MAX_SHOWN_IDS = 6


def safe(text: object, style: str = "") -> Any:
    """Untrusted text as a rich Text: shown literally, with escapes removed."""
    from rich.text import Text

    return Text(strip_controls(str(text)), style=style)


def welcome(con: Any, rs: RuleSet, answers_path: Path, resumed: int) -> None:
    from rich.text import Text

    con.print(safe(rs.header.title, "bold"))
    if resumed:
        con.print(Text(f"Carrying on from {answers_path}: {resumed} "
                       f"answer{'s' if resumed != 1 else ''} already given."))
    else:
        con.print(Text("Answer as well as you can: \"Don't know\" is always a fair answer. "
                       f"Every answer is saved at once in {answers_path}, so you can stop and "
                       "carry on later."))
    con.print()


def rule_changes(con: Any, rs: RuleSet, res: Any, unknown: bool) -> None:
    """Say how an edited rule set affects this run (``res`` is a flow.Resumption)."""
    from rich.text import Text

    added, changed, dropped, retired = res.added, res.changed, res.dropped, res.retired

    if unknown:
        con.print(Text("The rule set has changed since these answers were saved, and the file "
                       "does not record which questions changed. Your answers are kept; check "
                       "them on the review screen at the end.", style="yellow"))
        con.print()
        return
    if not (added or changed or dropped or retired):
        return
    parts = []
    if added:
        parts.append(f"{len(added)} new question{'s' if len(added) != 1 else ''}")
    if changed:
        parts.append(f"{len(changed)} changed question{'s' if len(changed) != 1 else ''}")
    line = "The rule set has changed since your last session"
    if parts:
        line += f": only the {' and '.join(parts)} will be asked; your other answers are kept."
    else:
        line += "."
    con.print(Text(line, style="yellow"))
    asked = set(added) | set(changed)
    in_order = [q.id for q in rs.questions_in_order() if q.id in asked]
    for qid in in_order[:MAX_SHOWN_IDS]:
        con.print(Text("  • ") + safe(rs.question(qid).text))
    if len(added) + len(changed) > MAX_SHOWN_IDS:
        con.print(Text(f"  … and {len(added) + len(changed) - MAX_SHOWN_IDS} more"))
    if dropped:
        con.print(safe("Earlier answers that the changed questions no longer accept will be "
                       f"asked again: {', '.join(dropped)}."))
    if retired:
        con.print(safe("Answers to questions that have been retired are kept in your file but "
                       f"no longer scored: {', '.join(map(str, retired))}."))
    con.print()


def header(con: Any, progress: Progress, intro: str = "") -> None:
    """The section name and "question n of m" above each question."""
    from rich.rule import Rule
    from rich.text import Text

    title = safe(progress.section, "bold") + Text(
        f" · question {progress.number} of {progress.total}")
    con.print(Rule(title, align="left", style="dim"))
    if intro:
        con.print(safe(intro, "italic"))


def explanation(con: Any, why: Explanation) -> None:
    """Help text and the quoted source passages, with title, file and line."""
    from rich.padding import Padding
    from rich.text import Text

    con.print(Text("Why are we asking?", style="bold"))
    con.print(Padding(safe(why.help), (0, 0, 0, 2)))
    for passage in why.passages:
        where = f"{passage.file}, line {passage.line}" if passage.line else passage.file
        quote = Text("“") + safe(passage.quote, "italic") + Text("”")
        con.print(Padding(quote, (0, 0, 0, 2)))
        con.print(Padding(Text("— ") + safe(passage.title) + Text(f" ({where})", style="dim"),
                          (0, 0, 0, 4)))
    if why.editorial and not why.passages:
        con.print(Padding(Text("This question is the tool's own guidance rather than a quote "
                               "from the sources.", style="dim"), (0, 0, 0, 2)))
    con.print()


def review(con: Any, rs: RuleSet, rows: tuple[ReviewRow, ...]) -> None:
    """The numbered list of every answer, grouped by section."""
    from rich.table import Table
    from rich.text import Text

    con.print()
    con.print(Text("Review your answers", style="bold"))
    table = Table(box=None, show_header=False, padding=(0, 1), expand=False)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(ratio=3)
    table.add_column(ratio=2)
    section = None
    for row in rows:
        if row.section and row.section != section:
            section = row.section
            table.add_row("", safe(section, "bold"), "")
        table.add_row(Text(str(row.number)), safe(row.text), answer_text(rs, row))
    con.print(table)


def answer_text(rs: RuleSet, row: ReviewRow) -> Any:
    if row.step == ROLE:
        label = rs.role(row.value).label if isinstance(row.value, str) else "Not answered"
        return safe(label, "cyan")
    if row.value == "":
        return safe("(nothing added)", "dim")
    return safe(label_for(rs, row.step, row.value), "cyan" if row.value is not None else "red")


def label_for(rs: RuleSet, qid: str, value: AnswerValue | None) -> str:
    from spinout.qtypes import answer_label

    return answer_label(rs.question(qid), value)


def interrupted(answers_path: Path, rules_dir: Path | None) -> str:
    """The message printed when the respondent stops with Ctrl-C."""
    import shlex

    command = f"spinout assess --answers {shlex.quote(str(answers_path))}"
    if rules_dir is not None:
        command += f" --rules {shlex.quote(str(rules_dir))}"
    return (f"Your answers so far are saved in {answers_path}. "
            f"Run `{command}` to carry on.")
