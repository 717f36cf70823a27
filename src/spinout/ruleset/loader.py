"""Loading a rule set: every YAML file under the rules folder, validated up front.

All problems of a run are collected (syntax, schema, cross references, citations) and raised
together as one :class:`RulesError`, each as ``file:line:col: what — how to fix``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spinout.errors import Problem, RulesError, YamlFileError
from spinout.record import Record

if TYPE_CHECKING:
    from spinout.ruleset.model import RuleSet
    from spinout.yamlfile import Document

PACKAGE = Path(__file__).resolve().parent.parent  # the spinout package's folder
MAX_RULE_FILE_BYTES = 1024 * 1024
MAX_SEED_BYTES = 4 * 1024 * 1024


class RulesLocation(Record):
    rules: Path
    seeds: Path


def bundled_location(checked: tuple[str, ...] = ()) -> RulesLocation:
    """The rule set and sources shipped with spinout: ``spinout/data/`` in an installed
    package (copied there when the package is built), or the checkout's own ``rules/`` and
    ``seeds/`` when spinout runs from a checkout (an editable install). Raises a RulesError
    naming what is missing when a folder named in ``checked`` (``rules``, ``seeds``) has no
    files."""
    package = PACKAGE
    where = RulesLocation(package / "data" / "rules", package / "data" / "seeds")
    checkout = package.parent.parent
    if (not where.rules.is_dir() and package.parent.name == "src"
            and (checkout / "pyproject.toml").is_file() and (checkout / "rules").is_dir()):
        where = RulesLocation(checkout / "rules", checkout / "seeds")
    _check_bundled(where, checked)
    return where


def _check_bundled(where: RulesLocation, checked: tuple[str, ...]) -> None:
    for folder, pattern, what, instead in (
            (where.rules, "*.yaml", "rule files", "give `--rules DIR`"),
            (where.seeds, "*.txt", "source documents", "put a `seeds/` folder beside your rules")):
        present = folder.is_dir() and any(p.is_file() for p in folder.glob(pattern))
        if folder.name not in checked or present:
            continue
        state = "is empty" if folder.is_dir() else "is missing"
        raise RulesError(Problem(
            str(folder), None, None,
            f"the folder of {what} ({pattern}) bundled with spinout {state}: this "
            "installation is incomplete",
            "reinstall spinout from a complete copy of the project (its `rules/` and `seeds/` "
            f"folders are copied into the package when it is built), or {instead}"))


def locate(rules_dir: Path | None) -> RulesLocation:
    """Where the rule files and seeds are. ``rules_dir`` may be a rules folder or a folder
    holding ``rules/`` (and optionally ``seeds/``); seeds default to the bundled documents."""
    if rules_dir is None:
        return bundled_location(checked=("rules", "seeds"))
    rules_dir = Path(rules_dir)
    if (rules_dir / "rules").is_dir():
        rules_dir = rules_dir / "rules"
    if not rules_dir.is_dir():
        raise RulesError(Problem(str(rules_dir), None, None, "no such rules folder",
                                 "give the folder holding the rule files, e.g. `--rules rules`"))
    for candidate in (rules_dir / "seeds", rules_dir.parent / "seeds"):
        if candidate.is_dir():
            return RulesLocation(rules_dir, candidate)
    return RulesLocation(rules_dir, bundled_location(checked=("seeds",)).seeds)


def rule_files(rules_dir: Path) -> list[Path]:
    return sorted(p for p in rules_dir.glob("*.yaml") if p.is_file())


def load_ruleset(rules_dir: Path | None = None, check_citations: bool = True) -> RuleSet:
    """Load, validate and cross-check a rule set (raises RulesError with every problem). A
    rule set that passed every check before, unchanged since, comes from the cache (see
    :mod:`spinout.ruleset.cache`)."""
    where, files, entry = _located(rules_dir)
    from spinout.ruleset import cache

    cached = cache.read(entry) if entry else None
    if cached is not None:
        return cached
    docs, problems = _read_all(files, where.rules)
    parsed = _validate_files(docs, problems)
    if problems:
        raise RulesError(sorted(problems, key=_order))
    joined, origins = _join(parsed, docs, problems, where.rules)
    if problems:
        raise RulesError(sorted(problems, key=_order))
    ruleset = _finish(joined, files, where, origins, problems, check_citations)
    if problems:
        raise RulesError(sorted(problems, key=_order))
    if entry and check_citations:
        cache.write(entry, ruleset)
    return ruleset


def cache_key(rules_dir: Path | None = None) -> str | None:
    """The digest under which this rule set, once checked, is cached (None if unreadable)."""
    return _located(rules_dir)[2]


def _located(rules_dir: Path | None) -> tuple[RulesLocation, list[Path], str | None]:
    where = locate(rules_dir)
    files = rule_files(where.rules)
    if not files:
        raise RulesError(Problem(str(where.rules), None, None, "no `.yaml` rule files here",
                                 "run `spinout rules init DIR` to start from the bundled set"))
    from spinout.ruleset import cache

    if cache.folder() is None:
        return where, files, None
    return where, files, cache.key(files, where.seeds, max(MAX_RULE_FILE_BYTES, MAX_SEED_BYTES))


def _order(p: Problem) -> tuple[str, int, int]:
    return (p.file, p.line or 0, p.col or 0)


def _display(path: Path, rules_dir: Path) -> str:
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return f"{rules_dir.name}/{path.name}" if path.parent == rules_dir else str(path)


def _read_all(files: list[Path], rules_dir: Path) -> tuple[list[Document], list[Problem]]:
    from spinout.yamlfile import read_yaml

    docs: list[Document] = []
    problems: list[Problem] = []
    for path in files:
        name = _display(path, rules_dir)
        try:
            doc = read_yaml(path, name, MAX_RULE_FILE_BYTES, yaml11_letters=True,
                             escapes=True)
        except YamlFileError as exc:
            problems.extend(exc.problems)
            continue
        if not isinstance(doc.data, dict):
            problems.append(doc.problem((), "the top level must be a mapping of sections",
                                        "start with a key such as `questions:`"))
            continue
        docs.append(doc)
    return docs, problems


def _validate_files(docs: list[Document], problems: list[Problem]) -> list[Any]:
    from pydantic import ValidationError

    from spinout.ruleset.pydantic_errors import to_problems
    from spinout.ruleset.schema.files import RuleFile

    parsed: list[RuleFile | None] = []
    for doc in docs:
        try:
            parsed.append(RuleFile.model_validate(doc.data))
        except ValidationError as exc:
            problems.extend(to_problems(exc, doc, RuleFile))
            parsed.append(None)
    return parsed


def _join(parsed: list[Any], docs: list[Document], problems: list[Problem],
          rules_dir: Path) -> tuple[dict[str, Any], dict[tuple[str, int], tuple[Document, tuple]]]:
    from spinout.ruleset.model import LIST_SECTIONS

    joined: dict[str, Any] = {k: [] for k in LIST_SECTIONS}
    origins: dict[tuple[str, int], tuple[Document, tuple]] = {}
    for doc, rf in zip(docs, parsed, strict=True):
        for kind in LIST_SECTIONS:
            for j, item in enumerate(getattr(rf, kind)):
                origins[(kind, len(joined[kind]))] = (doc, (kind, j))
                joined[kind].append(item)
        for single in ("ruleset", "bands"):
            value = getattr(rf, single)
            if value is None:
                continue
            if single in joined:
                first = origins[(single, 0)][0].name
                problems.append(doc.problem((single,), f"`{single}` is given twice (also in "
                                            f"{first})", "keep it in one file only"))
                continue
            joined[single] = value
            origins[(single, 0)] = (doc, (single,))
    for single, example in (("ruleset", "ruleset.yaml"), ("bands", "bands.yaml")):
        if single not in joined:
            problems.append(Problem(str(rules_dir), None, None, f"no `{single}:` section found",
                                    f"add it, e.g. in {example}"))
    return joined, origins


def _finish(joined: dict[str, Any], files: list[Path], where: RulesLocation,
            origins: dict[tuple[str, int], tuple[Document, tuple]], problems: list[Problem],
            check_citations: bool) -> Any:
    from spinout.ruleset.checks import check_all
    from spinout.ruleset.model import RuleSet

    def at(kind: str, index: int, sub: tuple, message: str, hint: str,
           key: bool = False) -> Problem:
        doc, path = origins.get((kind, index), origins.get(("ruleset", 0)))  # type: ignore[misc]
        return doc.problem((*path, *sub), message, hint, key)

    seeds = _read_seeds(joined["sources"], where.seeds, at, problems)
    ruleset = RuleSet(
        header=joined.pop("ruleset").to_runtime(),
        bands=joined.pop("bands").to_runtime(),
        digest=digest(files),
        seeds=seeds,
        **{kind: tuple(item.to_runtime() for item in items) for kind, items in joined.items()},
    )
    problems.extend(check_all(ruleset, at))
    if check_citations:
        from spinout.ruleset.citecheck import check_citations as run

        problems.extend(run(ruleset, at))
    return ruleset


def digest(files: list[Path]) -> str:
    h = hashlib.sha256()
    for path in files:
        data = path.read_bytes()
        h.update(path.name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return "sha256:" + h.hexdigest()


def _read_seeds(sources: list[Any], seeds_dir: Path, at: Any,
                problems: list[Problem]) -> dict[str, str]:
    """Each source's text, read only from plain files that resolve inside the seeds folder."""
    from spinout.ruleset.checks import did_you_mean

    base = seeds_dir.resolve()
    texts: dict[str, str] = {}
    for i, source in enumerate(sources):
        path = seeds_dir / source.file
        real = path.resolve()
        if not real.is_file():
            present = sorted(p.name for p in seeds_dir.iterdir() if p.is_file())
            problems.append(at("sources", i, ("file",),
                               f"no file `{source.file}` in the seeds folder ({seeds_dir})",
                               did_you_mean(source.file, present)))
            continue
        if real.parent != base:
            problems.append(at("sources", i, ("file",),
                               f"`{source.file}` leads outside the seeds folder ({seeds_dir})",
                               "copy the document into the seeds folder instead of linking it"))
            continue
        if real.stat().st_size > MAX_SEED_BYTES:
            problems.append(at("sources", i, ("file",), f"`{source.file}` is too large",
                               f"source documents are limited to {MAX_SEED_BYTES:,} bytes"))
            continue
        try:
            texts[source.id] = real.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            problems.append(at("sources", i, ("file",), f"`{source.file}` is not UTF-8 text",
                               "save the document as UTF-8"))
    return texts
