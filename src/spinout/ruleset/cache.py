"""A cache of checked rule sets, so everyday commands skip reading and checking the YAML.

An entry is the JSON of a rule set that passed every check, named by a digest of everything
the result depends on: the cache format, spinout's version, the question types registered,
where pydantic and msgspec are installed (and the size and time of change of a module of each),
the name, size and time of change of spinout's own modules (so an edited check is never
bypassed), and the bytes of every rule file and source document. The entry's first line is the
sha256 of the JSON after it, so a damaged or hand-edited entry is refused; the JSON is read back
into the rule-set records by msgspec, which checks every value's type (nothing is unpickled, no
code is run), and without importing pydantic. Beside an entry, a note may keep text derived from
that rule set (``rules check`` keeps its summary line), so a command that needs only that text
answers without building the model at all. Any failure to read or write the cache is silent:
the rule set is then loaded from its files as usual.

The folder is ``$SPINOUT_CACHE`` if set (empty: no cache), else the user's cache folder
(``$XDG_CACHE_HOME/spinout``, ``~/Library/Caches/spinout``, ``%LOCALAPPDATA%\\spinout\\Cache``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from spinout.bounded import read_bounded

if TYPE_CHECKING:
    from spinout.ruleset.model import RuleSet

CACHE_FORMAT = 2
CACHE_ENV = "SPINOUT_CACHE"
MAX_ENTRY_BYTES = 64 * 1024 * 1024
KEEP_ENTRIES = 8
MAX_NOTE_BYTES = 64 * 1024


def folder() -> Path | None:
    """Where entries live, or None when caching is switched off (``SPINOUT_CACHE=``)."""
    given = os.environ.get(CACHE_ENV)
    if given is not None:
        return Path(given) if given.strip() else None
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return base / "spinout" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "spinout"
    return Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "spinout"


def key(rule_files: Sequence[Path], seeds: Path, limit: int) -> str | None:
    """The digest naming the entry for these rule files and seeds folder (None if unreadable).
    Every regular file directly in the seeds folder counts, so a changed document, or a new
    one a rule now cites, makes a new entry. Files up to ``limit`` bytes count by their
    content; a larger one (which no check lets through) by its size and time of change, so a
    huge or endless file is never read whole."""
    from spinout import __version__, qtypes

    types = ",".join(qtypes.names())  # a type registered at run time changes what passes
    h = hashlib.sha256(f"spinout-rules {CACHE_FORMAT} {__version__} {types}\0".encode())
    try:
        h.update(_code_stamp())
        h.update(_package_stamp("pydantic", "version.py"))
        h.update(_package_stamp("msgspec", "__init__.py"))
        documents = sorted(p for p in seeds.iterdir() if p.is_file()) if seeds.is_dir() else []
        for group, paths in (("rules", rule_files), ("seeds", documents)):
            for path in paths:
                h.update(f"{group}/{path.name}\0".encode() + _content(path, limit))
    except OSError:
        return None
    return h.hexdigest()


def _content(path: Path, limit: int) -> bytes:
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        data = read_bounded(handle, limit) if info.st_size <= limit else b""
    if info.st_size > limit or len(data) > limit:
        return f"over {limit} {info.st_size} {info.st_mtime_ns}\0".encode()
    return f"{len(data)}\0".encode() + data


def _code_stamp() -> bytes:
    """Name, size and time of change of every module of the installed spinout package."""
    package = Path(__file__).resolve().parent.parent
    stamps = []
    for base, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for name in sorted(names):
            if name.endswith(".py"):
                info = os.stat(os.path.join(base, name))
                stamps.append(f"{base}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(stamps).encode()


def _package_stamp(package: str, module: str) -> bytes:
    """Where ``package`` is installed and the size and time of change of one of its modules,
    found without importing it (a command answered from the cache never imports pydantic)."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise OSError(f"{package} not found")
    path = os.path.join(os.path.dirname(spec.origin), module)
    info = os.stat(path)
    return f"{path}:{info.st_size}:{info.st_mtime_ns}".encode()


def read(digest: str) -> RuleSet | None:
    """The cached rule set for ``digest``, its checksum and types checked, or None."""
    place = folder()
    if place is None:
        return None
    path = place / f"rules-{digest}.json"
    try:
        with open(path, "rb") as handle:
            raw = read_bounded(handle, MAX_ENTRY_BYTES)
    except OSError:
        return None
    if len(raw) > MAX_ENTRY_BYTES:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used entries are the last pruned
    stated, _, body = raw.partition(b"\n")
    if stated != hashlib.sha256(body).hexdigest().encode():
        return None
    import msgspec

    from spinout.ruleset.model import RuleSet

    try:
        return msgspec.json.decode(body, type=RuleSet)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None


def write(digest: str, ruleset: RuleSet) -> None:
    """Store a checked rule set (atomically, private to the user); drop the oldest entries."""
    place = folder()
    if place is None:
        return
    with contextlib.suppress(OSError):
        place.mkdir(mode=0o700, parents=True, exist_ok=True)
        import msgspec

        body = msgspec.json.encode(ruleset)
        data = hashlib.sha256(body).hexdigest().encode() + b"\n" + body
        _write_atomic(place, f"rules-{digest}.json", data)
        _prune(place)


def read_note(digest: str, name: str) -> str | None:
    """The note ``name`` kept beside the entry ``digest``, or None (never a note whose entry
    is gone: a rule set that fails its checks has no entry, so it has no note either)."""
    place = folder()
    if place is None or not (place / f"rules-{digest}.json").is_file():
        return None
    try:
        with open(place / f"rules-{digest}.{name}.txt", "rb") as handle:
            raw = read_bounded(handle, MAX_NOTE_BYTES)
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return text if len(raw) <= MAX_NOTE_BYTES else None


def write_note(digest: str, name: str, text: str) -> None:
    """Keep ``text`` beside the entry ``digest`` (atomically; silently skipped on failure)."""
    place = folder()
    if place is None or not (place / f"rules-{digest}.json").is_file():
        return
    with contextlib.suppress(OSError):
        _write_atomic(place, f"rules-{digest}.{name}.txt", text.encode("utf-8"))


def _write_atomic(place: Path, name: str, data: bytes) -> None:
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".rules-", suffix=".tmp", dir=place)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, place / name)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _prune(place: Path) -> None:
    entries = sorted(place.glob("rules-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_ENTRIES:]:
        for path in (old, *place.glob(f"{old.stem}.*.txt")):
            with contextlib.suppress(OSError):
                path.unlink()
