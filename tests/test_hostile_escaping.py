"""Text from rules, sources and answers is shown literally: in the terminal, Markdown and HTML.

A rule set whose every text carries rich markup, ANSI and OSC escape sequences, Markdown and
HTML is loaded, shown and reported on. The terminal output is checked twice: as plain text
(no escape byte at all) and with colour forced on (only our own SGR styles: no hyperlink, no
colour from the text). Markdown is rendered with a CommonMark renderer and HTML parsed, to see
what a reader's browser or viewer would make of them.
"""

from __future__ import annotations

import html
import html.parser
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from spinout.__main__ import main
from spinout.answers import store
from spinout.answers.model import new_answers

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini" / "rules"

RICH = ["[bold]x[/bold]", "[link=http://evil]y[/link]"]
MARKDOWN = ["[click](http://evil)", "**strong**", "![img](http://evil/i.png)", "<http://evil>"]
HTML = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]
ANSI = "\x1b[31mred"
OSC = "\x1b]8;;http://evil\x07z\x1b]8;;\x07"
LITERAL = [*RICH, *MARKDOWN, *HTML]
HOSTILE = " ".join([*RICH, ANSI, OSC, *MARKDOWN, *HTML])
EVIL_SEED = (
    "Tag Archives: hostile\n"
    f"A headline with {RICH[0]} and {OSC}\n"
    f"The body says {HTML[0]} and {RICH[1]} and {ANSI} here.\n"
)
EVIL_QUOTE = f"The body says {HTML[0]} and {RICH[1]}"


def _taint(item: dict[str, Any], *keys: str) -> None:
    for key in keys:
        value = item.get(key)
        if isinstance(value, str):
            item[key] = f"{value} {HOSTILE}"
        elif isinstance(value, list):
            item[key] = [f"{v} {HOSTILE}" if isinstance(v, str) else v for v in value]


def hostile_rules(folder: Path) -> Path:
    """The mini rule set with every text tainted, plus a hostile source document."""
    shutil.copytree(MINI, folder / "rules")
    (folder / "seeds").mkdir()
    for name in ("002_cb6408028f891994.txt", "003_7f71315e7b07c578.txt"):
        shutil.copyfile(ROOT / "seeds" / name, folder / "seeds" / name)
    (folder / "seeds" / "evil.txt").write_text(EVIL_SEED, encoding="utf-8")
    for path in (folder / "rules").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        _taint_file(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=10**6),
                        encoding="utf-8")
    return folder


def _taint_file(data: dict[str, Any]) -> None:
    if "ruleset" in data:
        _taint(data["ruleset"], "title")
    if "bands" in data:
        for band in data["bands"]["levels"]:
            _taint(band, "name", "description")
    for kind, keys in (("dimensions", ("name", "description")), ("sections", ("name",)),
                       ("questions", ("text", "help", "action")),
                       ("barriers", ("title", "why", "what_to_do")),
                       ("stages", ("name", "description", "tasks")),
                       ("legal_forms", ("name", "summary")), ("roles", ("label",)),
                       ("sources", ("title",))):
        for item in data.get(kind, []):
            _taint(item, *keys)
            for option in item.get("options", []):
                _taint(option, "label")
            for rule in item.get("fit", []):
                _taint(rule, "reason")
            for criterion in item.get("exit", []) + item.get("entry", []):
                _taint(criterion, "label")
    if "sources" in data:
        data["sources"].append({"id": "evil", "file": "evil.txt", "title": f"Evil {HOSTILE}",
                                "headlines": [f"A headline with {RICH[0]} and {OSC}"]})
    for question in data.get("questions", []):
        if question["id"] == "has_plan":
            question["cite"].append({"source": "evil", "quote": EVIL_QUOTE})


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = hostile_rules(tmp_path_factory.mktemp("hostile"))
    from spinout.ruleset.loader import load_ruleset

    rs = load_ruleset(folder)
    answers = new_answers(rs, role="frontline", respondent_id=HOSTILE) \
        .with_answer("has_plan", "none").with_answer("managers", 2) \
        .with_answer("helpers", ["legal"]).with_answer("staff", 12) \
        .with_answer("comments", f"{HOSTILE}\nsecond line {HOSTILE}")
    store.save(folder / "answers.yaml", answers)
    store.save(folder / "second.yaml", answers.with_answer("has_plan", "draft"))
    store.save(folder / "third.yaml", answers.with_answer("managers", 5))
    return folder


@pytest.fixture()
def plain_console(monkeypatch: pytest.MonkeyPatch) -> None:
    from spinout.console import console

    monkeypatch.setenv("COLUMNS", "2000")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    console.cache_clear()
    yield
    console.cache_clear()


@pytest.fixture()
def colour_console(monkeypatch: pytest.MonkeyPatch) -> None:
    from spinout.console import console

    monkeypatch.setenv("COLUMNS", "2000")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    console.cache_clear()
    yield
    console.cache_clear()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in out + err
    return out + err


def assert_inert_plain(text: str) -> None:
    for byte in ("\x1b", "\x07", "\x9b", "\x9d"):
        assert byte not in text
    assert "http://evil\x07" not in text


_OUR_STYLES = re.compile(r"\x1b\[[0-9;]*m")


def assert_inert_coloured(text: str) -> str:
    """Only SGR styles may be present, and never the red the text asked for."""
    assert "\x1b[31m" not in text
    assert "\x1b]" not in text, "a hyperlink (OSC 8) or other OSC sequence was emitted"
    rest = _OUR_STYLES.sub("", text)
    assert_inert_plain(rest)
    return rest


TERMINAL_COMMANDS = [
    ["rules", "show"],
    ["rules", "show", "has_plan"],
    ["rules", "show", "helpers"],
    ["rules", "show", "no_plan"],
    ["rules", "show", "explore"],
    ["rules", "show", "coop"],
    ["rules", "show", "planning"],
    ["rules", "show", "evil"],
    ["rules", "show", "frontline"],
    ["rules", "show", "low"],
    ["sources"],
    ["sources", "show", "evil"],
]


@pytest.mark.parametrize("args", TERMINAL_COMMANDS, ids=" ".join)
def test_terminal_shows_text_literally(capsys: pytest.CaptureFixture[str], tree: Path,
                                       plain_console: None, args: list[str]) -> None:
    out = run(capsys, *args, "--rules", str(tree))
    assert_inert_plain(out)
    for text in RICH:
        assert text in out
    assert "red" in out and "z" in out


@pytest.mark.parametrize("args", TERMINAL_COMMANDS, ids=" ".join)
def test_terminal_with_colour_never_links_or_colours_text(
        capsys: pytest.CaptureFixture[str], tree: Path, colour_console: None,
        args: list[str]) -> None:
    out = run(capsys, *args, "--rules", str(tree))
    assert _OUR_STYLES.search(out) or args[0] == "sources", "colour was not forced on"
    rest = assert_inert_coloured(out)
    for text in RICH:
        assert text in rest


def test_the_colour_check_would_see_markup(capsys: pytest.CaptureFixture[str],
                                           colour_console: None) -> None:
    from spinout.console import console

    console().print(RICH[1])
    with pytest.raises(AssertionError, match="OSC"):
        assert_inert_coloured(capsys.readouterr().out)


def test_rules_show_overview_keeps_question_types(capsys: pytest.CaptureFixture[str],
                                                  plain_console: None) -> None:
    out = run(capsys, "rules", "show", "--rules", str(MINI))
    assert "has_plan  [single] Do you have a business plan?" in out
    assert "[yes_no]" in out


def test_sources_show_prints_every_line(capsys: pytest.CaptureFixture[str], tree: Path,
                                        plain_console: None) -> None:
    out = run(capsys, "sources", "show", "evil", "--rules", str(tree))
    assert f"3  The body says {HTML[0]} and {RICH[1]} and red here." in out


def test_error_messages_are_inert(capsys: pytest.CaptureFixture[str], tree: Path,
                                  tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('format: 1\nanswers:\n  "\\e]8;;http://evil\\a\\e[31m[bold]q": 1\n'
                   '  has_plan: "\\e[31mnope\\nline two"\n', encoding="utf-8")
    code = main(["report", str(bad), "--rules", str(tree)])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert_inert_plain(err)
    assert f"{bad}:3:3: control character U+001B" in err  # refused once decoded
    assert all(line.startswith(f"{bad}:") for line in err.splitlines()[:-1])


# --- Markdown ----------------------------------------------------------------------------------


def _markdown_html(text: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").render(text)


class _Page(html.parser.HTMLParser):
    """Elements, attributes and text content of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.script_text if self._in_script else self.text).append(data)


def parse_page(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


def assert_page_inert(page: _Page) -> str:
    for tag, attrs in page.tags:
        assert tag != "img" or attrs.get("src") != "x", "an <img> from the text was rendered"
        assert not any(k.startswith("on") for k in attrs), f"event handler on <{tag}>"
        for name in ("href", "src", "action"):
            assert "//evil" not in (attrs.get(name) or ""), f"<{tag} {name}> leads to evil"
    assert not any("alert(1)" in s for s in page.script_text)
    return re.sub(r"\s+", " ", "".join(page.text))


@pytest.mark.parametrize("group", [False, True], ids=["individual", "group"])
def test_markdown_report_shows_text_literally(capsys: pytest.CaptureFixture[str], tree: Path,
                                              tmp_path: Path, group: bool) -> None:
    out = tmp_path / "report.md"
    inputs = [str(tree / n) for n in ("answers.yaml", "second.yaml", "third.yaml")] if group \
        else [str(tree / "answers.yaml")]
    run(capsys, "report", *inputs, "--rules", str(tree), "-o", str(out), "--include-comments")
    text = out.read_text(encoding="utf-8")
    assert_inert_plain(text)
    page = parse_page(_markdown_html(text))
    shown = assert_page_inert(page)
    for literal in LITERAL:
        assert literal in shown, literal


def test_markdown_check_would_see_raw_html() -> None:
    with pytest.raises(AssertionError):
        assert_page_inert(parse_page(_markdown_html(f"a {HTML[1]} b\n")))


@pytest.mark.parametrize("group", [False, True], ids=["individual", "group"])
def test_html_report_shows_text_literally(capsys: pytest.CaptureFixture[str], tree: Path,
                                          tmp_path: Path, group: bool) -> None:
    out = tmp_path / "report.html"
    inputs = [str(tree / n) for n in ("answers.yaml", "second.yaml", "third.yaml")] if group \
        else [str(tree / "answers.yaml")]
    run(capsys, "report", *inputs, "--rules", str(tree), "-o", str(out), "--include-comments")
    text = out.read_text(encoding="utf-8")
    assert_inert_plain(text)
    assert "<script>alert" not in text
    shown = assert_page_inert(parse_page(text))
    for literal in LITERAL:
        assert literal in shown, literal


def test_html_check_would_see_an_injected_element() -> None:
    with pytest.raises(AssertionError):
        assert_page_inert(parse_page(f"<p>{HTML[0]}</p>"))
    shown = assert_page_inert(parse_page(f"<p>{html.escape(HTML[0])}</p>"))
    assert HTML[0] in shown


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_paper_form_shows_text_literally(capsys: pytest.CaptureFixture[str], tree: Path,
                                         tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"form.{suffix}"
    run(capsys, "form", "--rules", str(tree), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert_inert_plain(text)
    page = parse_page(_markdown_html(text) if suffix == "md" else text)
    shown = assert_page_inert(page)
    for literal in LITERAL:
        assert literal in shown, literal


# --- the questionnaire ---------------------------------------------------------------------


def test_assess_without_input_lists_missing_questions_inertly(
        capsys: pytest.CaptureFixture[str], tree: Path, tmp_path: Path,
        plain_console: None) -> None:
    partial = tmp_path / "partial.yaml"
    shutil.copyfile(tree / "answers.yaml", partial)
    text = partial.read_text(encoding="utf-8")
    partial.write_text(text.replace("  managers: 2\n", ""), encoding="utf-8")
    code = main(["assess", "--no-input", "--answers", str(partial), "--rules", str(tree),
                 "--out", str(tmp_path / "report.md")])
    out, err = capsys.readouterr()
    assert code == 1
    assert_inert_plain(out + err)
    assert f"{partial}: `managers` is not answered — How much do your managers back the " \
        f"idea, from 1 to 5? {RICH[0]} {RICH[1]} red z" in err
    assert not (tmp_path / "report.md").exists()


def test_questionnaire_screens_show_text_literally(tree: Path, tmp_path: Path) -> None:
    import os
    import sys

    import pexpect

    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "600", "LINES": "60"}
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(sys.executable, ["-m", "spinout", "assess", "--answers",
                                           str(tmp_path / "new.yaml"), "--rules", str(tree),
                                           "--out", str(tmp_path / "new.md")],
                          env=env, dimensions=(60, 600), timeout=30, encoding="utf-8")
    seen = []
    try:
        child.expect(r"Frontline staff .*onerror=alert\(1\)>")
        seen.append(child.before + child.after)
        child.send("\r")
        child.expect(r"Do you have a business plan\? .*onerror=alert\(1\)>")
        seen.append(child.before + child.after)
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
        seen.append(child.before)
    finally:
        child.close(force=True)
    assert child.exitstatus == 130
    screen = "".join(seen)
    assert "\x1b[31m" not in screen
    assert "\x1b]8;;http://evil" not in screen and "\x07" not in screen
    plain = re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]", "", screen)
    for text in RICH:
        assert text in plain
    assert HTML[0] in plain


@pytest.mark.parametrize("args, code", [
    ([OSC], 2),
    (["rules", "show", ANSI, "--rules", str(MINI)], 2),
    (["report", f"missing{OSC}.yaml", "--rules", str(MINI)], 1),
    (["rules", "check", "--rules", f"nowhere{ANSI}\n[bold]x"], 1),
], ids=["command", "item id", "answers path", "rules path"])
def test_arguments_are_echoed_inertly(capsys: pytest.CaptureFixture[str], args: list[str],
                                      code: int) -> None:
    assert main(args) == code
    out, err = capsys.readouterr()
    assert_inert_plain(out + err)
    assert "Traceback" not in out + err
    if args != [OSC]:
        assert len(err.splitlines()) == 1
