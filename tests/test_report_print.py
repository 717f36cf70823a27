"""Printed length: the HTML report of one respondent, printed to A4 by headless Chromium
without its appendix, fits in about 12 pages. Runs only where Chromium is installed; without
it, ``python benchmarks/page_count.py`` says so and how to install it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from test_report_golden import typical_answers

from spinout.answers.model import AnswersFile, Respondent, RulesRef
from spinout.engine.visibility import visible_questions
from spinout.report.build import render_report

CHROMIUM = next((n for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)),
                None)
MAX_PAGES = 12
APPENDIX = re.compile(r"<section id=\"appendix\">.*?</section>\s*", re.S)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed "
                                "(apt-get install chromium); benchmarks/page_count.py reports "
                                "page counts and says what is missing")


def cautious_answers(rs: Any) -> dict[str, Any]:
    """The first option (or the lowest number, or no) to every question shown, in order: a
    respondent with most barriers raised and the longest lists of findings."""
    answers: dict[str, Any] = {}
    for q in rs.questions_in_order():
        if q.id not in {v.id for v in visible_questions(rs, answers)}:
            continue
        if q.type == "multi":
            answers[q.id] = [q.options[0].value]
        elif q.options:
            answers[q.id] = q.options[0].value
        elif q.type == "yes_no":
            answers[q.id] = False
        elif q.type == "text":
            answers[q.id] = "Worried about what happens to our pensions."
        else:
            answers[q.id] = int(q.min if q.min is not None else 0)
    return answers


def printed_pages(html: str, folder: Path) -> int:
    page, pdf = folder / "report.html", folder / "report.pdf"
    page.write_text(html, encoding="utf-8")
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", f"--user-data-dir={folder / 'profile'}",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))


def test_one_respondents_report_without_appendix_prints_to_about_12_pages(
        bundled_rules: Any, tmp_path: Path) -> None:
    """The cautious respondent's report is the longest kind; printing is slow, so one."""
    rs = bundled_rules
    chosen = cautious_answers(rs)
    assert len(chosen) > len(typical_answers(rs)) / 2
    answers = AnswersFile(RulesRef(rs.header.name, rs.header.version, rs.digest),
                          Respondent("frontline"), chosen, updated="2026-03-01T09:00:00+00:00")
    html = render_report(rs, [answers], "html")
    assert APPENDIX.search(html) and html.count("<section") > 6
    pages = printed_pages(APPENDIX.sub("", html, count=1), tmp_path)
    assert 3 <= pages <= MAX_PAGES


def test_the_brief_alone_prints_to_at_most_two_pages(bundled_rules: Any, tmp_path: Path) -> None:
    from spinout.report.build import render, report_on

    rs = bundled_rules
    answers = AnswersFile(RulesRef(rs.header.name, rs.header.version, rs.digest),
                          Respondent("frontline"), cautious_answers(rs),
                          updated="2026-03-01T09:00:00+00:00")
    html = render(report_on(rs, [answers], service="Community nursing"), "html",
                  brief_only=True)
    assert 'id="brief"' in html and 'id="dimensions"' not in html
    assert printed_pages(html, tmp_path) <= 2
