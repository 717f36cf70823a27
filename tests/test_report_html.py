"""HTML reports: parsed to check their structure, links, chart, print styles and that hostile
text from rules and answers comes out as text, never as markup."""

from __future__ import annotations

import html.parser
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from spinout.answers.store import load
from spinout.report.build import render_report

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "fixtures" / "mini" / "rules"
ANSWERS = TESTS / "fixtures" / "answers"

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[click](javascript:alert(1))"
MARKUP = "[bold]loud[/bold]"
ANSI = "\x1b[31mred\x1b[0m"
HOSTILE = f"{SCRIPT} {IMG} {LINK} {MARKUP} {ANSI} <a href='https://evil.example'>x</a>"
SHOWN = [SCRIPT, IMG, LINK, MARKUP, "red", "<a href='https://evil.example'>x</a>"]
SECTIONS = ("brief", "summary", "dimensions", "barriers", "stage", "legal-forms", "next-actions",
            "unknowns", "context", "comments", "references", "appendix")


class Page(html.parser.HTMLParser):
    """Every element with its attributes, the ids, and the text a reader sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.stack: list[str] = []
        self.svg_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attributes))
        if "id" in attributes:
            assert attributes["id"] not in self.ids, f"duplicate id {attributes['id']}"
            self.ids.add(attributes["id"])
        if tag not in ("meta", "br", "link", "img", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if "style" not in self.stack and "title" not in self.stack[-1:]:
            self.text.append(data)
        if "svg" in self.stack:
            self.svg_text.append(data)

    def tags(self, name: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == name]

    @property
    def shown(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text))


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


@pytest.fixture(scope="module")
def individual(mini_rules: Any) -> str:
    answers = load(ANSWERS / "report_individual.yaml", mini_rules).answers
    return render_report(mini_rules, [answers], "html")


def test_every_major_section_is_there_once(individual: str) -> None:
    page = parse(individual)
    sections = [a.get("id") for a in page.tags("section")]
    assert sections == list(SECTIONS)
    assert len(page.tags("h1")) == 1


def test_each_reference_link_reaches_its_reference(individual: str) -> None:
    page = parse(individual)
    links = [a["href"] for a in page.tags("a") if a.get("href", "").startswith("#cite-")]
    assert links
    for href in links:
        assert href[1:] in page.ids
    numbers = sorted({int(h.split("-")[1]) for h in links})
    assert numbers == list(range(1, len(numbers) + 1))


def test_each_reference_links_to_its_line_in_the_appendix(individual: str,
                                                          mini_rules: Any) -> None:
    page = parse(individual)
    refs = [a for a in page.tags("li") if a.get("id", "").startswith("cite-")]
    targets = [a["href"] for a in page.tags("a") if a.get("href", "").startswith("#src-")]
    assert len(targets) == len(refs) > 0
    for href in targets:
        assert re.fullmatch(r"#src-[a-z][a-z0-9_]*-L\d+", href)
        assert href[1:] in page.ids
    le_grand = mini_rules.seeds["le_grand"].splitlines()
    shown = {int(i.rsplit("L", 1)[1]) for i in page.ids if i.startswith("src-le_grand-L")}
    cited = {int(h.rsplit("L", 1)[1]) for h in targets if h.startswith("#src-le_grand-L")}
    assert cited <= shown
    assert all(min(abs(n - c) for c in cited) <= 2 and le_grand[n - 1].strip() for n in shown)


def test_every_link_stays_inside_the_page(individual: str) -> None:
    page = parse(individual)
    for tag, attrs in page.elements:
        for name in ("href", "src", "action", "xlink:href", "srcset", "poster", "data"):
            value = attrs.get(name)
            assert value is None or (value.startswith("#") and value[1:] in page.ids), \
                f"<{tag} {name}={value!r}>"
    assert "<script" not in individual.lower()
    for network in ("http://", "https://", "@import"):
        assert network not in individual
    assert not re.search(r"""=["']?//""", individual)
    assert not re.search(r"url\((?!#)", individual)


def test_the_chart_is_a_table_with_an_inline_svg_bar_per_dimension(individual: str,
                                                                   mini_rules: Any) -> None:
    page = parse(individual)
    assert len(page.tags("svg")) == len(mini_rules.dimensions)
    assert all(a.get("aria-hidden") == "true" for a in page.tags("svg"))
    bars = [a for a in page.tags("rect") if "chart-fill" in a.get("class", "")]
    assert [b["width"] for b in bars] == ["45.0%", "42.5%"]
    weakest = [b for b in bars if "weakest" in b["class"]]
    assert len(weakest) == 1
    assert [a.get("scope") for a in page.tags("th")].count("row") == len(mini_rules.dimensions)


def test_print_styles_ask_for_a4_and_page_breaks(individual: str) -> None:
    style = individual[individual.index("<style>"):individual.index("</style>")]
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", style)
    assert "@media print" in style
    assert "break-before: page" in style


def test_editorial_items_are_labelled(individual: str) -> None:
    page = parse(individual)
    labels = [a for a in page.tags("p") if a.get("class") == "editorial"]
    assert len(labels) == 3  # the stage and both legal forms are editorial in the mini rules
    actions = individual[individual.index('id="next-actions"'):individual.index('id="unknowns"')]
    assert actions.count("(editorial guidance)") == 1  # the action on `helpers`


# --- hostile text --------------------------------------------------------------------------


def hostile_rules(tmp_path: Path) -> Path:
    """The mini rules with hostile text in a question, a dimension, a barrier and a form."""
    folder = tmp_path / "rules"
    shutil.copytree(MINI, folder)
    path = folder / "model.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for q in data["questions"]:
        if q["id"] == "has_plan":
            q["text"] += " " + HOSTILE
            q["action"] += " " + HOSTILE
            q["options"][1]["label"] += " " + HOSTILE
    data["dimensions"][0]["name"] += " " + HOSTILE
    data["barriers"][1]["why"] += " " + HOSTILE
    data["legal_forms"][0]["name"] += " " + HOSTILE
    data["stages"][1]["tasks"][0] += " " + HOSTILE
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000),
                    encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    from spinout.ruleset.loader import load_ruleset

    rs = load_ruleset(hostile_rules(tmp_path_factory.mktemp("hostile")))
    answers = load(ANSWERS / "report_individual.yaml", rs, strict=False).answers
    comment = f"First line {HOSTILE}\nSecond line {HOSTILE}"
    return rs, answers.with_answer("comments", comment)


@pytest.mark.parametrize("group", [False, True], ids=["individual", "group"])
def test_hostile_text_in_rules_and_answers_stays_text(hostile: tuple[Any, Any],
                                                      group: bool) -> None:
    rs, answers = hostile
    respondents = [answers, answers, answers.with_answer("managers", 5)] if group else [answers]
    text = render_report(rs, respondents, "html", include_comments=True)
    page = parse(text)
    tags = {t for t, _ in page.elements}
    assert not tags & {"script", "img", "iframe", "object", "embed", "form", "base"}
    for tag, attrs in page.elements:
        assert not [k for k in attrs if k.startswith("on")], tag
        assert "javascript" not in attrs.get("href", "")
        assert not attrs.get("href", "#").startswith("http")
    assert "\x1b" not in text
    shown = page.shown
    for literal in SHOWN:
        assert shown.count(literal) >= 5, literal
    assert "First line" in shown and "Second line" in shown
    assert "Business planning <script>" in shown


def test_the_hostile_check_would_see_raw_markup() -> None:
    page = parse(f"<p>{SCRIPT} {IMG}</p>")
    assert {t for t, _ in page.elements} & {"script", "img"}
