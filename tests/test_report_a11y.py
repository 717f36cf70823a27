"""Accessibility of the HTML outputs, checked on their structure without a browser (the axe-core
audit in Chromium is ``benchmarks/a11y_audit.py``): a language, one main landmark, headings
in order, every link named and landing in the page, citation numbers announced as
references, the chart a captioned table with decorative bars, and colour never the only mark."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path
from typing import Any

import pytest

from spinout.answers.store import load
from spinout.forms import html_form
from spinout.report.build import render_report

ANSWERS = Path(__file__).resolve().parent / "fixtures" / "answers"
VOID = {"meta", "br", "link", "img", "input", "hr", "wbr", "source", "col"}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str], ancestors: tuple[Element, ...]) -> None:
        self.tag, self.attrs, self.ancestors = tag, attrs, ancestors
        self.text = ""  # what a screen reader reads inside it (aria-hidden parts left out)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def inside(self, tag: str, cls: str | None = None) -> bool:
        return any(a.tag == tag and (cls is None or cls in a.classes) for a in self.ancestors)


class Tree(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []
        self.css = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, tuple(self.open))
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop().tag != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1].tag == "style":
            self.css += data
        hidden = any(e.attrs.get("aria-hidden") == "true" for e in self.open)
        for e in self.open:
            if not hidden:
                e.text += data

    def all(self, tag: str, cls: str | None = None) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and (cls is None or cls in e.classes)]


def tree(text: str) -> Tree:
    t = Tree()
    t.feed(text)
    t.close()
    return t


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def letters(text: str) -> str:
    """Words without punctuation, lower case: "[2]" and "2" are the same name."""
    return re.sub(r"[^\w ]", "", words(text)).lower()


@pytest.fixture(scope="module")
def outputs(mini_rules: Any) -> dict[str, str]:
    one = load(ANSWERS / "report_individual.yaml", mini_rules).answers
    group = [load(p, mini_rules).answers for p in sorted((ANSWERS / "report_group").glob("*.yaml"))]
    return {
        "individual": render_report(mini_rules, [one], "html"),
        "group": render_report(mini_rules, group, "html", include_comments=True),
        "form": html_form(mini_rules),
    }


KINDS = ["individual", "group", "form"]
REPORTS = ["individual", "group"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_language_a_title_one_main_landmark_and_one_h1(outputs: dict[str, str],
                                                         kind: str) -> None:
    t = tree(outputs[kind])
    assert t.all("html")[0].attrs.get("lang") == "en"
    assert words(t.all("title")[0].text)
    assert len(t.all("main")) == 1 and len(t.all("h1")) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_headings_start_at_h1_and_never_skip_a_level(outputs: dict[str, str], kind: str) -> None:
    levels = [int(e.tag[1]) for e in tree(outputs[kind]).elements
              if re.fullmatch(r"h[1-6]", e.tag)]
    assert levels[0] == 1 and len(levels) > 3
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"h{before} followed by h{after}"
    assert all(words(e.text) for e in tree(outputs[kind]).elements
               if re.fullmatch(r"h[1-6]", e.tag))


@pytest.mark.parametrize("kind", REPORTS)
def test_every_link_has_a_name_and_lands_in_the_page(outputs: dict[str, str], kind: str) -> None:
    t = tree(outputs[kind])
    ids = {e.attrs["id"] for e in t.elements if "id" in e.attrs}
    links = t.all("a")
    assert len(links) > 10
    for a in links:
        assert a.attrs["href"].startswith("#") and a.attrs["href"][1:] in ids
        name = a.attrs.get("aria-label") or words(a.text)
        assert name, a.attrs
        assert letters(a.text) in letters(name)  # the visible text is in the name


@pytest.mark.parametrize("kind", REPORTS)
def test_citation_numbers_are_announced_as_references(outputs: dict[str, str],
                                                      kind: str) -> None:
    cites = [a for a in tree(outputs[kind]).all("a") if a.attrs["href"].startswith("#cite-")]
    assert cites
    for a in cites:
        n = a.attrs["href"].removeprefix("#cite-")
        expected = f"Back to reference {n}" if "back" in a.classes else f"Reference {n}"
        assert a.attrs.get("aria-label") == expected
        assert words(a.text).strip("[]") == n


@pytest.mark.parametrize("kind", REPORTS)
def test_small_links_sit_in_running_text_and_contents_links_are_24px(outputs: dict[str, str],
                                                                     kind: str) -> None:
    t = tree(outputs[kind])
    for a in t.all("a"):
        assert a.inside("nav") or any(x.tag in ("p", "li", "h3", "dd", "span")
                                      for x in a.ancestors[-2:]), a.attrs
    rule = re.search(r"nav\.toc a\s*\{([^}]*)\}", t.css)
    assert rule and re.search(r"min-height:\s*(2[4-9]|[3-9]\d)px", rule.group(1))
    assert "inline-block" in rule.group(1)


@pytest.mark.parametrize("kind", REPORTS)
def test_the_chart_is_a_captioned_table_and_its_bars_are_decorative(outputs: dict[str, str],
                                                                    kind: str,
                                                                    mini_rules: Any) -> None:
    t = tree(outputs[kind])
    (table,) = t.all("table", "chart")
    caption = t.all("caption")[0]
    assert caption.ancestors[-1] is table and "better" in caption.text
    rows = [th for th in t.all("th") if th.attrs.get("scope") == "row"]
    assert len(rows) == len(mini_rules.dimensions)
    assert [th.attrs.get("scope") for th in t.all("th") if th.inside("thead")] == ["col", "col"]
    for svg in t.all("svg"):
        assert svg.attrs.get("aria-hidden") == "true" and svg.attrs.get("focusable") == "false"
    values = [words(td.text) for td in t.all("td", "chart-value")]
    assert values and all(re.fullmatch(r"\d+\.\d|no answers", v) for v in values)


@pytest.mark.parametrize("kind", REPORTS)
def test_colour_is_never_the_only_mark(outputs: dict[str, str], kind: str) -> None:
    t = tree(outputs[kind])
    weakest = [r for r in t.all("tr") if "weakest" in r.classes]
    assert len(weakest) == 1 and "weakest" in words(weakest[0].text)
    for badge in t.all("span", "badge"):
        assert words(badge.text)
    cited = t.all("div", "cited")
    assert cited
    for row in cited:
        assert any(a.ancestors and row in a.ancestors for a in t.all("a", "back"))
    for li in t.all("li"):
        status = [c for c in li.classes if c.startswith("status-")]
        if status:
            assert status[0].removeprefix("status-") in li.text


def test_the_forms_tick_boxes_are_hidden_from_screen_readers(outputs: dict[str, str]) -> None:
    t = tree(outputs["form"])
    boxes = t.all("span", "box")
    assert boxes and all(b.attrs.get("aria-hidden") == "true" for b in boxes)
    assert all(words(li.text) and "☐" not in li.text for li in t.all("li"))
