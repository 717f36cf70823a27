"""The rule-set records and the rule-file models they are validated through stay in step: the
same fields in the same order, the same file keys and defaults, and a rule set reads the same
whether it comes from its files or from the cache."""

from __future__ import annotations

import datetime
import importlib
import inspect
import pkgutil
from pathlib import Path

import msgspec
import pytest
import yaml

from spinout.ruleset import model, schema
from spinout.ruleset.fields import Item
from spinout.ruleset.schema.fields import Frozen
from spinout.ruleset.schema.files import RuleFile

RULES = Path(__file__).resolve().parent.parent / "rules"


def schema_models() -> list[type[Frozen]]:
    found: dict[str, type[Frozen]] = {}
    for info in pkgutil.iter_modules(schema.__path__):
        module = importlib.import_module(f"{schema.__name__}.{info.name}")
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Frozen) and value.runtime is not None:
                found[value.__qualname__] = value
    return sorted(found.values(), key=lambda m: m.__name__)


def records() -> set[type]:
    """Every record class of the rule set: the items the model exports, and the conditions."""
    from spinout.ruleset.conditions import model as conditions

    found = set()
    for module in (model, conditions):
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Item) and value is not Item and not value.__name__.startswith("_"):
                found.add(value)
    return found


@pytest.mark.parametrize("given", schema_models(), ids=lambda m: m.__name__)
def test_each_rule_file_model_has_the_fields_of_its_record(given: type[Frozen]) -> None:
    record = given.runtime
    assert record is not None and record.__name__ == given.__name__
    fields = msgspec.structs.fields(record)
    assert [f.name for f in fields] == list(given.model_fields)
    for f in fields:
        info = given.model_fields[f.name]
        assert f.encode_name == (info.alias or f.name), f.name
        if info.is_required():
            assert f.required, f"{f.name} has a default in the record only"
            continue
        default = f.default_factory() if f.default_factory is not msgspec.NODEFAULT \
            else f.default
        assert repr(default) == repr(info.get_default(call_default_factory=True)), f.name


def test_every_record_has_a_rule_file_model() -> None:
    validated = {m.runtime for m in schema_models()}
    assert records() - validated == {model.RuleSet, model.Cited}


def test_the_cited_base_has_the_fields_of_its_rule_file_model() -> None:
    from spinout.ruleset.schema.cited import Cited

    assert [f.name for f in msgspec.structs.fields(model.Cited)] == list(Cited.model_fields)


def test_conditions_dump_as_the_rule_files_give_them() -> None:
    """What an answers file's fingerprint hashes: a condition in the rule file's own keys."""
    seen = 0
    for path in sorted(RULES.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        given = RuleFile.model_validate(data)
        criteria = [c for stage in given.stages for c in (*stage.entry, *stage.exit,
                                                          *stage.reached)]
        fits = [rule for form in given.legal_forms for rule in form.fit]
        for item in (*given.questions, *given.barriers, *criteria, *fits):
            if item.when is None:
                continue
            expected = item.when.model_dump(mode="json", by_alias=True, exclude_none=True)
            assert item.to_runtime().when.data() == expected
            seen += 1
    assert seen > 100


def test_item_data_leaves_out_unset_fields_and_writes_dates_as_text() -> None:
    header = model.Header(name="x", version="1", title="T", reviewed=datetime.date(2026, 1, 2))
    assert header.data() == {"name": "x", "version": "1", "title": "T", "min_group_size": 10,
                             "reviewed": "2026-01-02"}
    assert header.data(unset=True)["staff_count_question"] is None


def test_the_bundled_rule_set_reads_the_same_from_its_files_and_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from spinout.ruleset.loader import load_ruleset

    monkeypatch.setenv("SPINOUT_CACHE", str(tmp_path))
    from_files = load_ruleset(None)
    monkeypatch.setattr("spinout.ruleset.loader._read_all", None)  # any read would fail
    from_cache = load_ruleset(None)
    assert from_cache == from_files
    assert from_cache.index.ordered == from_files.index.ordered
