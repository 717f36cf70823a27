"""The bundled rule set passes every check, and each of its quotes stands in its source."""

from __future__ import annotations

from spinout.ruleset.citecheck import CITED_KINDS, source_texts
from spinout.ruleset.describe import summary
from spinout.ruleset.loader import bundled_location, rule_files


def test_bundled_rules_pass_the_check(bundled_rules) -> None:  # noqa: ANN001 - fixture
    line = summary(bundled_rules)
    assert line.startswith(f"ok: {bundled_rules.header.name} {bundled_rules.header.version}: ")
    for source in bundled_rules.sources:
        assert f" {source.id} " in line


def test_every_bundled_quote_is_found_in_its_source(bundled_rules) -> None:  # noqa: ANN001
    texts = source_texts(bundled_rules)
    missing = [(item.id, c.quote) for kind in CITED_KINDS
               for item in getattr(bundled_rules, kind, ()) for c in item.cite
               if texts[c.source].find(c.quote) is None]
    assert missing == []


def test_bundled_rules_and_seeds_ship_with_the_package() -> None:
    where = bundled_location()
    assert rule_files(where.rules) and sorted(where.seeds.glob("*.txt"))
