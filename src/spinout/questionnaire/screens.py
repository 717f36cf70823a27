"""What the questionnaire prints between prompts: the welcome, section headers, "why are we
asking", the review list and closing messages. Text from rules or answers is always passed
as rich ``Text`` (never parsed as markup) with terminal escapes removed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spinout.questionnaire.flow import Progress
from spinout.questionnaire.review import NUMBER_WIDTH, Changes, Line
from spinout.questionnaire.why import Explanation
from spinout.ruleset.model import RuleSet
from spinout.textsafe import strip_controls
from spinout.values import AnswerValue

MAX_SHOWN_IDS = 6


def safe(text: object, style: str = "") -> Any:
    """Untrusted text as a rich Text: shown literally, with escapes removed."""
    from rich.text import Text

    return Text(strip_controls(str(text)), style=style)


def welcome(con: Any, rs: RuleSet, answers_path: Path, resumed: int, minutes: int) -> None:
    """What the questionnaire is for, how long it takes, where the answers go and who can read
    them, how old the guidance is, the keys, and how to stop and carry on."""
    from rich.text import Text

    con.print(safe(rs.header.title, "bold"))
    if resumed:
        con.print(Text(f"Carrying on from {answers_path}: {resumed} "
                       f"answer{'s' if resumed != 1 else ''} already given, "
                       f"{about(minutes)} left."))
        con.print(Text(KEYS_LINE, style="dim"))
        con.print()
        return
    for line in welcome_lines(rs, answers_path, minutes):
        con.print(Text(line))
    con.print(Text(KEYS_LINE, style="dim"))
    con.print()


KEYS_LINE = ("Keys, each then Enter: a number picks an answer · ? why we ask · < back · "
             "d don't know · g glossary.")


def about(minutes: int) -> str:
    if minutes <= 1:
        return "about a minute" if minutes == 1 else "less than a minute"
    return f"about {minutes} minutes"


def welcome_lines(rs: RuleSet, answers_path: Path, minutes: int) -> list[str]:
    h = rs.header
    lines = [
        "These questions help your team see how ready you are to run your service as an "
        "employee-led mutual, what stands in the way and what to do next. At the end you get "
        "a summary on screen and a written report.",
        f"It takes {about(minutes)}. Answer as well as you can: \"Don't know\" is a fair "
        "answer.",
        f"Your answers are saved as you go in {answers_path}, on this computer; nothing is "
        "sent anywhere. Whoever you give the file to can read every answer in it; a group "
        "report made from several people's files shows combined results.",
    ]
    if h.sources_period or h.reviewed:
        period = f"news and commentary from {h.sources_period}" if h.sources_period else (
            "its sources")
        reviewed = (f"; it was last reviewed on {h.reviewed.day} "
                    f"{h.reviewed.strftime('%B %Y')}" if h.reviewed else "")
        lines.append(f"The guidance rests on {period}{reviewed}. Laws and schemes may have "
                     "changed since: check the current position.")
    lines.append("To stop, press Ctrl-C (or close the window): run the same command again "
                 "to carry on where you left off.")
    return lines


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
    """The section name, "question n" and the time left above each question."""
    from rich.rule import Rule
    from rich.text import Text

    title = safe(progress.section, "bold") + Text(
        f" · question {progress.number} · {about(progress.minutes_left)} left")
    if title.cell_len + 6 <= con.width:
        con.print(Rule(title, align="left", style="dim"))
    else:  # too long for a rule, which would cut it: fold it instead
        con.print(title)
    if intro:
        con.print(safe(intro, "italic"))


def explanation(con: Any, why: Explanation) -> None:
    """Help text and the quoted source passages, each with its document's title and date."""
    from rich.padding import Padding
    from rich.text import Text

    con.print(Text("Why are we asking?", style="bold"))
    con.print(Padding(safe(why.help), (0, 0, 0, 2)))
    for passage in why.passages:
        quote = Text("“") + safe(passage.quote, "italic") + Text("”")
        con.print(Padding(quote, (0, 0, 0, 2)))
        con.print(Padding(Text("— ") + safe(passage.source, "dim"), (0, 0, 0, 4)))
    if why.editorial and not why.passages:
        con.print(Padding(Text("This question is the tool's own guidance rather than a quote "
                               "from the sources.", style="dim"), (0, 0, 0, 2)))
    con.print()


def glossary_entries(rs: RuleSet) -> list[Any]:
    """Each glossary term with its definition, as rich Text, in alphabetical order."""
    from rich.text import Text

    entries = []
    for term in sorted(rs.glossary, key=lambda t: t.term.casefold()):
        entry = safe(term.term, "bold") + Text(": ") + safe(term.definition)
        if term.as_of:
            entry += Text(f" (as of {term.as_of}: check the current position)", style="dim")
        entries.append(entry)
    return entries


def review_page(con: Any, page: list[Line], index: int, count: int) -> None:
    """One page of the review: a line per answer under its section's name."""
    from rich.text import Text

    con.print()
    title = "Review your answers" + (f" (page {index + 1} of {count})" if count > 1 else "")
    con.print(Text(title, style="bold"))
    for line in page:
        con.print(review_line(line), no_wrap=True, overflow="ellipsis")


def review_line(line: Line) -> Any:
    from rich.text import Text

    if line.number is None:
        return safe(line.text, "bold")
    return (Text(f"{line.number:>{NUMBER_WIDTH}}  ") + safe(line.text) + Text("  ")
            + safe(line.answer, "red" if line.missing else "cyan"))


def review_changes(con: Any, rs: RuleSet, found: Changes) -> None:
    """After an answer is changed from the review: only what changed."""
    from rich.table import Table
    from rich.text import Text

    from spinout.questionnaire.review import answer_words

    con.print()
    if not found.any:
        con.print(Text("Nothing changed."))
        return
    grid = Table.grid(padding=(0, 2))
    grid.add_column(justify="right", no_wrap=True, min_width=NUMBER_WIDTH)
    grid.add_column()
    for before, after in found.changed:
        grid.add_row(str(after.number), safe(after.text) + Text(": ")
                     + safe(answer_words(rs, before), "dim") + Text(" → ")
                     + safe(answer_words(rs, after), "cyan"))
    for row in found.added:
        grid.add_row(str(row.number), Text("Now asked: ") + safe(row.text) + Text(": ")
                     + safe(answer_words(rs, row), "cyan"))
    for row in found.removed:
        grid.add_row("", Text("No longer asked: ") + safe(row.text))
    con.print(grid)


def label_for(rs: RuleSet, qid: str, value: AnswerValue | None) -> str:
    from spinout.qtypes import answer_label

    return answer_label(rs.question(qid), value)


def interrupted(answers_path: Path, rules_dir: Path | None) -> str:
    """The message printed when the respondent stops with Ctrl-C: the command on a line of its
    own, so a narrow terminal never breaks it and it copies whole."""
    import shlex

    command = f"spinout assess --answers {shlex.quote(str(answers_path))}"
    if rules_dir is not None:
        command += f" --rules {shlex.quote(str(rules_dir))}"
    return (f"Your answers so far are saved in {answers_path}.\n"
            f"To carry on where you left off, run:\n  {command}")
