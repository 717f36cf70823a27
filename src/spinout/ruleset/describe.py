"""Describing a rule set for editors: the check summary, JSON, the schema, citation counts and
copying the bundled rules to edit."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spinout.errors import OutputError, Problem, UsageError
from spinout.ruleset.loader import bundled_location, rule_files

if TYPE_CHECKING:
    from spinout.ruleset.model import RuleSet

SCHEMA_FILE = "rules.schema.json"
EDITOR_SETTINGS = ".vscode/settings.json"
KINDS = ("dimensions", "questions", "barriers", "stages", "legal_forms",
         "group_warnings")


def citation_counts(rs: RuleSet) -> Counter[str]:
    counts: Counter[str] = Counter({s.id: 0 for s in rs.sources})
    for kind in KINDS:
        for item in getattr(rs, kind):
            counts.update(c.source for c in item.cite)
    return counts


def summary(rs: RuleSet) -> str:
    counts = citation_counts(rs)
    cites = ", ".join(f"{sid} {n}" for sid, n in counts.items())
    return (f"ok: {rs.header.name} {rs.header.version}: {len(rs.questions)} questions, "
            f"{len(rs.barriers)} barriers, {len(rs.stages)} stages, "
            f"{len(rs.legal_forms)} legal forms; citations per source: {cites}")


def check_summary(rules_dir: Path | None) -> str:
    """``rules check``'s line. A rule set unchanged since it last passed every check (same
    files, sources and spinout) is not checked again: its line is read back from the cache."""
    from spinout.ruleset import cache
    from spinout.ruleset.loader import cache_key, load_ruleset

    digest = cache_key(rules_dir)
    kept = cache.read_note(digest, "summary") if digest else None
    if kept is not None:
        return kept
    line = summary(load_ruleset(rules_dir))
    if digest:
        cache.write_note(digest, "summary", line)
    return line


def init(directory: Path) -> str:
    """Copy the bundled rule files and source documents into a new or empty folder."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise UsageError(Problem(str(directory), None, None, "is a file, not a folder",
                                 "choose a new folder name"))
    if directory.exists() and any(directory.iterdir()):
        raise UsageError(Problem(str(directory), None, None, "folder exists and is not empty",
                                 "choose a new folder name"))
    bundled = bundled_location(checked=("rules", "seeds"))
    try:
        (directory / "rules").mkdir(parents=True, exist_ok=True)
        (directory / "seeds").mkdir(exist_ok=True)
        for path in [*rule_files(bundled.rules), bundled.rules / "README.md"]:
            if path.is_file():
                shutil.copyfile(path, directory / "rules" / path.name)
        for path in sorted(bundled.seeds.glob("*.txt")):
            shutil.copyfile(path, directory / "seeds" / path.name)
        (directory / SCHEMA_FILE).write_text(schema_json() + "\n", encoding="utf-8")
        (directory / ".vscode").mkdir(exist_ok=True)
        (directory / EDITOR_SETTINGS).write_text(editor_settings(), encoding="utf-8")
    except OSError as exc:
        raise OutputError(Problem(str(directory), None, None,
                                  f"cannot copy the rule set here ({exc.strerror or exc})",
                                  "check the folder's permissions, or choose another")) from None
    return (f"Copied the rule set to {directory}/rules and its sources to {directory}/seeds.\n"
            f"Edit the YAML, then run:  spinout rules check --rules {directory}\n"
            f"Open {directory} in an editor using yaml-language-server (such as VS Code's YAML "
            f"extension):\n{directory / EDITOR_SETTINGS} maps {SCHEMA_FILE} onto every rule "
            f"file and reads them as YAML 1.1, as spinout does.")


def editor_settings() -> str:
    """Workspace settings for yaml-language-server: the schema for every rule file, and YAML
    1.1, under which a bare yes/no/on/off/y/n is a boolean for the editor as for spinout."""
    settings = {"yaml.schemas": {f"./{SCHEMA_FILE}": ["rules/*.yaml"]},
                "yaml.yamlVersion": "1.1"}
    return json.dumps(settings, indent=2) + "\n"


def schema_json() -> str:
    from spinout.ruleset.schema.files import RuleFile

    schema = RuleFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "spinout rule file"
    return json.dumps(schema, indent=2, ensure_ascii=False)


def _cite(item: Any) -> list[dict[str, str]]:
    return [{"source": c.source, "quote": c.quote} for c in item.cite]


def _dump(model: Any) -> dict[str, Any]:
    """A model as JSON data: every field present (null when unset), conditions kept short."""
    data = {key: value for key, value in model.data(unset=True).items()
            if key not in ("cite", "editorial")}
    if hasattr(model, "cite"):
        data["cite"] = _cite(model)
        data["editorial"] = model.editorial
    return data


def normalised(rs: RuleSet) -> dict[str, Any]:
    """The rule set as plain data for other tools (documented in the README)."""
    data: dict[str, Any] = _dump(rs.header)
    data["digest"] = rs.digest
    for kind in ("sources", "roles", "dimensions", "sections"):
        data[kind] = [_dump(item) for item in getattr(rs, kind)]
    data["questions"] = [_dump(q) for q in rs.questions_in_order()]
    for kind in ("barriers", "stages", "legal_forms", "group_warnings"):
        data[kind] = [_dump(item) for item in getattr(rs, kind, ())]
    data["bands"] = _dump(rs.bands)
    return data


def find_item(rs: RuleSet, item_id: str) -> tuple[str, Any]:
    from spinout.ruleset.checks import did_you_mean

    everything = {}
    for kind in ("sources", "roles", "dimensions", "sections", *KINDS):
        for item in getattr(rs, kind):
            everything[item.id] = (kind, item)
    for band in rs.bands.levels:
        everything.setdefault(band.id, ("bands", band))
    if item_id not in everything:
        raise UsageError(Problem("spinout", None, None, f"no item with id `{item_id}`",
                                 did_you_mean(item_id, sorted(everything))))
    return everything[item_id]


def to_json(rs: RuleSet, item_id: str | None = None) -> str:
    data = normalised(rs)
    if item_id is not None:
        kind, _ = find_item(rs, item_id)
        section = data["bands"]["levels"] if kind == "bands" else data[kind]
        data = next(x for x in section if x["id"] == item_id)
    return json.dumps(data, indent=2, ensure_ascii=False)
