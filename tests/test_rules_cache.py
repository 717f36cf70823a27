"""The cache of checked rule sets: used when nothing changed, never when anything did, and
never trusted blindly (an entry's checksum and every value's type are checked, damaged ones
ignored)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from spinout.errors import RulesError
from spinout.ruleset import cache, loader
from spinout.ruleset.loader import load_ruleset

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "fixtures" / "mini" / "rules"
SEEDS = TESTS.parent / "seeds"


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the mini rule set and its seeds, and an empty cache folder."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    shutil.copytree(MINI, tmp_path / "set" / "rules")
    shutil.copytree(SEEDS, tmp_path / "set" / "seeds")
    return tmp_path / "set"


def entries(rules: Path) -> list[Path]:
    return sorted((rules.parent / "cache").glob("rules-*.json"))


def no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("the rule files were read")

    monkeypatch.setattr(loader, "_read_all", fail)


def test_an_unchanged_rule_set_comes_from_the_cache(rules: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_ruleset(rules)
    assert len(entries(rules)) == 1
    no_reading(monkeypatch)
    again = load_ruleset(rules)
    assert again == first and again.digest == first.digest
    assert again.question("has_plan").kind is first.question("has_plan").kind


@pytest.mark.parametrize("edit", ["rules", "seeds"])
def test_any_change_to_a_rule_file_or_source_misses_the_cache(rules: Path, edit: str) -> None:
    first = load_ruleset(rules)
    path = (rules / "rules" / "model.yaml" if edit == "rules"
            else rules / "seeds" / first.source("le_grand").file)
    path.write_bytes(path.read_bytes() + b"\n# changed\n")
    again = load_ruleset(rules)
    assert len(entries(rules)) == 2
    assert (again.digest != first.digest) if edit == "rules" else (again.seeds != first.seeds)


def test_a_rule_set_that_fails_its_checks_is_never_cached(rules: Path) -> None:
    model = rules / "rules" / "model.yaml"
    model.write_text(model.read_text(encoding="utf-8").replace("id: has_plan", "id: Has Plan"),
                     encoding="utf-8")
    with pytest.raises(RulesError):
        load_ruleset(rules)
    assert entries(rules) == []
    with pytest.raises(RulesError):
        load_ruleset(rules)


def test_a_load_without_the_citation_check_writes_nothing(rules: Path) -> None:
    load_ruleset(rules, check_citations=False)
    assert entries(rules) == []


def signed(body: bytes) -> bytes:
    """An entry for ``body`` with a checksum that matches it, as a deliberate edit would be."""
    import hashlib

    return hashlib.sha256(body).hexdigest().encode() + b"\n" + body


def reshaped(body: bytes, change) -> bytes:  # noqa: ANN001
    return json.dumps(change(json.loads(body))).encode()


def _first_question(data: dict) -> dict:
    return data["questions"][0]


@pytest.mark.parametrize("damage", [
    lambda raw: b"",
    lambda raw: raw[: len(raw) // 2],
    lambda raw: raw.replace(b'"id":"has_plan"', b'"id":"has_plan_"'),
    lambda raw: signed(b"not json"),
    lambda raw: signed(reshaped(raw.partition(b"\n")[2], lambda d: {**d, "extra": 1})),
    lambda raw: signed(reshaped(raw.partition(b"\n")[2],
                                lambda d: {**d, "roles": "not a list"})),
    lambda raw: signed(reshaped(raw.partition(b"\n")[2],
                                lambda d: {**d, "header": {**d["header"], "min_group_size": "9"}})),
    lambda raw: signed(reshaped(raw.partition(b"\n")[2], lambda d: {
        **d, "questions": [{**_first_question(d), "when": {"answer": "x", "is": 1}},
                           *d["questions"][1:]]})),
], ids=["empty", "cut short", "edited, checksum not", "checksum of no JSON", "unknown key",
        "wrong type", "text for a number", "condition without its kind"])
def test_a_damaged_entry_is_ignored_and_replaced(rules: Path, damage) -> None:  # noqa: ANN001
    first = load_ruleset(rules)
    [entry] = entries(rules)
    written = entry.read_bytes()
    entry.write_bytes(damage(written))
    assert load_ruleset(rules) == first
    assert entry.read_bytes() == written


def test_an_entry_reads_back_equal_to_the_rule_set_it_was_written_from(rules: Path) -> None:
    from spinout.ruleset.model import RuleSet

    first = load_ruleset(rules)
    [entry] = entries(rules)
    again = cache.read(entry.stem.removeprefix("rules-"))
    assert isinstance(again, RuleSet)
    assert again == first
    assert [q.when for q in again.questions] == [q.when for q in first.questions]


def test_an_empty_setting_switches_the_cache_off(rules: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "")
    load_ruleset(rules)
    assert not (rules.parent / "cache").exists()


def test_an_unwritable_cache_folder_is_no_error(rules: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = rules.parent / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    assert load_ruleset(rules).header.name == "mini"


def test_old_entries_are_pruned(rules: Path) -> None:
    model = rules / "rules" / "model.yaml"
    for n in range(cache.KEEP_ENTRIES + 3):
        model.write_text(model.read_text(encoding="utf-8") + f"\n# {n}\n", encoding="utf-8")
        load_ruleset(rules)
    assert len(entries(rules)) == cache.KEEP_ENTRIES


def test_the_entry_is_private_to_the_user(rules: Path) -> None:
    import os
    import stat

    if os.name != "posix":
        pytest.skip("POSIX permissions")
    load_ruleset(rules)
    assert stat.S_IMODE(os.stat(rules.parent / "cache").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(entries(rules)[0]).st_mode) == 0o600


def test_rules_check_line_of_an_unchanged_rule_set_is_read_back(
        rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from spinout.ruleset import describe

    first = describe.check_summary(rules)
    assert first.startswith("ok: ") and len(entries(rules)) == 1

    def fail(*args: object) -> None:
        raise AssertionError("the rule set was loaded")

    monkeypatch.setattr(loader, "load_ruleset", fail)
    assert describe.check_summary(rules) == first


def test_rules_check_line_follows_every_change(rules: Path) -> None:
    from spinout.ruleset import describe

    before = describe.check_summary(rules)
    header = rules / "rules" / "ruleset.yaml"
    text = header.read_text(encoding="utf-8")
    header.write_text(text.replace('version: "0.1"', 'version: "0.2"', 1), encoding="utf-8")
    after = describe.check_summary(rules)
    assert after != before and after == describe.summary(load_ruleset(rules))


def test_a_note_without_its_entry_is_never_used(rules: Path) -> None:
    from spinout.ruleset import describe

    first = describe.check_summary(rules)
    digest = loader.cache_key(rules)
    assert digest is not None
    for entry in entries(rules):
        entry.unlink()
    note = rules.parent / "cache" / f"rules-{digest}.summary.txt"
    note.write_text("ok: forged", encoding="utf-8")
    assert cache.read_note(digest, "summary") is None
    assert describe.check_summary(rules) == first


def test_a_failing_rule_set_is_checked_every_time(rules: Path) -> None:
    from spinout.ruleset import describe

    describe.check_summary(rules)
    model = rules / "rules" / "model.yaml"
    model.write_text(model.read_text(encoding="utf-8") + "\nbogus_section: 1\n",
                     encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RulesError):
            describe.check_summary(rules)


def test_pruning_an_entry_removes_its_notes(rules: Path) -> None:
    from spinout.ruleset import describe

    describe.check_summary(rules)
    place = rules.parent / "cache"
    for entry in entries(rules):
        os.utime(entry, (1, 1))
    for n in range(cache.KEEP_ENTRIES):
        (place / f"rules-{n:064x}.json").write_text("{}", encoding="utf-8")
    cache._prune(place)
    assert list(place.glob("*.summary.txt")) == []


def test_the_key_never_reads_a_file_over_the_limit(tmp_path: Path) -> None:
    """A huge file beside the rules (an 8 GB sparse file, say) counts by its size and time of
    change: two contents of the same size and time give the same key, so neither was read."""
    rule = tmp_path / "rules.yaml"
    rule.write_text("questions: []\n", encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    big = seeds / "big.bin"
    keys = []
    for content in (b"a" * 1000, b"b" * 1000, b"c" * 1001):
        big.write_bytes(content)
        os.utime(big, ns=(1_000_000_000, 1_000_000_000))
        keys.append(cache.key([rule], seeds, limit=100))
    assert keys[0] is not None and keys[0] == keys[1] != keys[2]


def test_the_key_follows_the_content_of_files_within_the_limit(tmp_path: Path) -> None:
    rule = tmp_path / "rules.yaml"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    keys = []
    for content in ("questions: []\n", "questions: {}\n"):
        rule.write_text(content, encoding="utf-8")
        os.utime(rule, ns=(1_000_000_000, 1_000_000_000))
        keys.append(cache.key([rule], seeds, limit=100))
    assert keys[0] != keys[1]


def test_registering_a_question_type_makes_a_new_key(rules: Path) -> None:
    """Rules using a type registered at run time pass only while it is registered: the key
    names the registered types, so a line kept while it was never serves once it is gone."""
    from spinout import qtypes

    before = loader.cache_key(rules)
    kind = qtypes.get("number")
    alias = type("Alias", (type(kind),), {"name": "alias_of_number"})()
    qtypes.register(alias)
    try:
        assert loader.cache_key(rules) != before
    finally:
        qtypes.unregister("alias_of_number")
    assert loader.cache_key(rules) == before
