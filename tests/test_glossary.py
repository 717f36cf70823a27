"""The glossary explains the words frontline staff may not know, once each."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from spinout.errors import RulesError
from spinout.ruleset.loader import bundled_location, load_ruleset

RS = load_ruleset(None, check_citations=False)
REQUIRED = ("mutual", "spin-out", "host", "commissioner", "tender", "legal form", "asset lock",
            "TUPE", "pension admission agreement", "procurement", "community benefit society",
            "employee ownership trust", "members")


def known_words() -> set[str]:
    return {w.casefold() for g in RS.glossary for w in (g.term, *g.also)}


@pytest.mark.parametrize("word", REQUIRED)
def test_the_glossary_explains(word):
    assert word.casefold() in known_words()


def test_every_glossary_term_is_used_in_the_guidance():
    texts = " ".join(
        part for q in RS.questions for part in (q.text, q.help, *(o.label for o in q.options))
    ) + " ".join(s.intro for s in RS.sections) + " ".join(
        b.why + " ".join(b.what_to_do) for b in RS.barriers) + " ".join(
        f.name + f.summary for f in RS.legal_forms)
    unused = [g.id for g in RS.glossary
              if not any(w.casefold() in texts.casefold() for w in (g.term, *g.also))]
    assert unused == []


def test_a_term_given_twice_is_a_located_problem(tmp_path: Path):
    rules = tmp_path / "rules"
    shutil.copytree(bundled_location().rules, rules)
    with (rules / "glossary.yaml").open("a", encoding="utf-8") as f:
        f.write('\n  - id: host_again\n    term: "Host"\n    definition: "Again."\n')
    with pytest.raises(RulesError) as caught:
        load_ruleset(rules, check_citations=False)
    messages = [str(p) for p in caught.value.problems]
    assert any("glossary.yaml" in m and "`host` is given twice" in m for m in messages), messages
