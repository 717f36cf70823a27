"""`spinout assess`: run the questionnaire on an answers file, then show the summary and write
the report.

Every answer is saved at once, atomically, so stopping at any point loses nothing; running the
command again carries on at the next question still to answer. Without a terminal (or with
``--no-input``) nothing is asked: complete answers give the report, missing ones are listed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spinout.answers import store
from spinout.answers.model import AnswersFile, RulesRef, fingerprint
from spinout.questionnaire import paging, review, screens, summary
from spinout.questionnaire.flow import REVIEW, ROLE, Flow, ReviewRow, outstanding
from spinout.questionnaire.loading import (
    Loaded,
    complete_answers,
    current_ref,
    load_answers,
    now,
)
from spinout.record import replace
from spinout.ruleset.model import Question, RuleSet

if TYPE_CHECKING:
    from rich.console import Console

    from spinout.questionnaire.prompts import Prompter

__all__ = ["Loaded", "Session", "complete_answers", "current_ref", "finish", "load_answers",
           "now", "run_assess"]


def run_assess(answers_path: Path, rules_dir: Path | None, out: Path, no_input: bool,
               service: str | None = None) -> None:
    """The `spinout assess` command. ``service`` names the service or staff group: it is
    kept in the answers file (interactive runs) and shown on the report."""
    from spinout.console import console
    from spinout.output import check_output, format_for
    from spinout.report.build import FORMATS
    from spinout.ruleset.loader import load_ruleset

    fmt = format_for(out, None, FORMATS)
    check_output(out, [answers_path])
    rs = load_ruleset(rules_dir)
    interactive = not no_input and sys.stdin.isatty()
    if not no_input and not interactive:
        sys.stderr.write("spinout: no terminal to ask questions in, so nothing is asked "
                         "(as with --no-input).\n")
    with store.locked(answers_path):
        if interactive:
            import gc

            from spinout.questionnaire.prompts import Prompter

            gc.enable()  # a session lasts minutes and every prompt leaves cycles behind

            loaded = load_answers(rs, answers_path)
            if service:
                loaded = replace(loaded, answers=replace(loaded.answers, service=service))
            session = Session(rs, answers_path, rules_dir, Prompter(), console(), loaded)
            answers = session.run()
        else:
            answers = complete_answers(rs, answers_path)
        if service:
            answers = replace(answers, service=service)
        finish(rs, answers, out, fmt, console(), show_summary=interactive)


class Session:
    """One questionnaire run in the terminal. ``prompter`` asks (see prompts.Prompter);
    ``con`` is the rich console everything else is printed on."""

    def __init__(self, rs: RuleSet, path: Path, rules_dir: Path | None, prompter: Prompter,
                 con: Console, loaded: Loaded) -> None:
        self.rs = rs
        self.path = Path(path)
        self.rules_dir = rules_dir
        self.prompter = prompter
        self.con = con
        self.loaded = loaded
        self.file = loaded.answers
        self.fingerprints = {q.id: fingerprint(q) for q in rs.questions}
        self._last_section: str | None = None
        self.stamp = store.stamp(self.path)
        self._explained: set[str] = set()
        self._noted: dict[str, tuple[str, ...]] = {}
        self._again: str | None = None
        self._reviewed: tuple[ReviewRow, ...] | None = None

    def run(self) -> AnswersFile:
        """Ask until the respondent finishes on the review screen; return the saved answers.
        Ctrl-C prints how to carry on and exits with code 130."""
        import typer

        try:
            return self._run()
        except (KeyboardInterrupt, EOFError):
            sys.stdout.flush()
            sys.stderr.write("\n" + screens.interrupted(self.path, self.rules_dir) + "\n")
            raise typer.Exit(130) from None

    def _run(self) -> AnswersFile:
        loaded = self.loaded
        res = loaded.resumption
        answers = {k: v for k, v in self.file.answers.items() if k not in res.dropped}
        self.file = replace(self.file, answers=answers)
        flow = Flow.start(self.rs, answers, self.file.respondent.role, res.reask)
        screens.welcome(self.con, self.rs, self.path, len(answers) if loaded.resumed else 0,
                        flow.minutes_left())
        screens.rule_changes(self.con, self.rs, res, loaded.changes_unknown)
        if res.dropped or not loaded.resumed:
            self._save(flow)
        while True:
            if flow.step == REVIEW:
                nxt = self._review(flow)
                if nxt is None:
                    return self.file
                flow = nxt
            elif flow.step == ROLE:
                role = self.prompter.role(self.rs.roles, flow.role)
                flow = flow.choose_role(role)
                self.file = replace(self.file.with_role(role), updated=now())
                self._save(flow)
            else:
                flow = self._ask(flow)

    def _ask(self, flow: Flow) -> Flow:
        q = flow.question
        assert q is not None
        progress = flow.progress()
        section = next((s for s in self.rs.sections if s.id == q.section), None)
        intro = section.intro if section and q.section != self._last_section else ""
        self._last_section = q.section
        if self._again != q.id:  # not again after "why" or the glossary
            screens.header(self.con, progress, intro)
        self._again = None
        reply = self.prompter.question(q, flow.current(), flow.can_go_back(),
                                       mark=str(progress.number), notes=self._notes(q, intro))
        if reply.kind == "why":
            from spinout.questionnaire.why import explain

            screens.explanation(self.con, explain(self.rs, q))
            self._again = q.id
            return flow
        if reply.kind == "glossary":
            paging.show(self.con, self.prompter, screens.glossary_entries(self.rs),
                        "Glossary: words used in these questions")
            self._again = q.id
            return flow
        if reply.kind == "back":
            return flow.back()
        if reply.value is None:
            return flow
        moved = flow.answer(reply.value)
        self.file = self.file.with_answer(q.id, reply.value, fingerprint=self.fingerprints[q.id],
                                          now=now())
        self._save(moved)
        return moved

    def _notes(self, q: Question, intro: str) -> tuple[str, ...]:
        """A line explaining each glossary term the question (or its section's introduction)
        uses that no earlier question in this session has explained; the same lines each
        time the question is shown."""
        from spinout.questionnaire.glossary import note
        from spinout.ruleset.terms import terms_in

        if q.id not in self._noted:
            used = terms_in(self.rs.glossary, intro, q.text, *(o.label for o in q.options))
            found = [t for t in used if t.id not in self._explained]
            self._explained.update(t.id for t in found)
            self._noted[q.id] = tuple(note(t) for t in found)
        return self._noted[q.id]

    def _review(self, flow: Flow) -> Flow | None:
        rows = flow.review_rows()
        if self._reviewed is None:
            choice = paging.review(self.con, self.prompter, self.rs, rows)
        else:
            screens.review_changes(self.con, self.rs, review.changes(self._reviewed, rows))
            choice = paging.review(self.con, self.prompter, self.rs, rows, pages=False)
        self._reviewed = rows
        if choice.kind == "change":
            return flow.change(next(r.step for r in rows if r.number == choice.number))
        pending = flow.pending()
        if not pending:
            return None
        self.con.print(f"{len(pending)} question{'s' if len(pending) != 1 else ''} still "
                       "need an answer.")
        return flow.change(pending[0])

    def _save(self, flow: Flow) -> None:
        """Save now. Once no new or changed question is left to answer, the file records the
        current rule set; until then it keeps the old one, so a resumed run still asks them."""
        if not outstanding(flow):
            self.file = replace(self.file, rules=self._current_ref())
        if store.stamp(self.path) != self.stamp:
            self._divert()
        store.save(self.path, self.file)
        self.stamp = store.stamp(self.path)

    def _divert(self) -> None:
        """The answers file was changed outside this session (edited by hand): keep it as it
        is and save this session's answers beside it from now on."""
        side = store.side_path(self.path)
        self.con.print(screens.safe(
            f"{self.path} was changed outside this session, so it is left as it is; this "
            f"session's answers are saved to {side} from now on. Compare the two and keep "
            "what you want.", "yellow"))
        self.path = side

    def _current_ref(self) -> RulesRef:
        """The current rule set's reference, still fingerprinting retired questions that have
        answers, so those answers stay recognised as retired rather than unknown."""
        ref = current_ref(self.rs)
        retired = {qid: h for qid, h in self.file.rules.questions.items()
                   if qid in self.file.answers and not self.rs.has("questions", qid)}
        return replace(ref, questions={**ref.questions, **retired})


def finish(rs: RuleSet, answers: AnswersFile, out: Path, fmt: str, con: Any,
           show_summary: bool) -> None:
    """Show the summary (interactive runs) and write the report."""
    from rich.text import Text

    from spinout.output import write_output
    from spinout.report.build import individual, render

    report = individual(rs, answers)
    if show_summary:
        con.print()
        summary.show(con, report)
    write_output(out, render(report, fmt))
    con.print()
    con.print(Text(f"Report written to {out}"))
