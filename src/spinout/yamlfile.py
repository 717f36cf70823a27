"""Reading untrusted YAML: safe loading only, with line and column for every node.

PyYAML's parser (libyaml's C parser when installed) produces events; a small iterative builder
turns them into plain Python data, so no YAML node is ever constructed into an object and no
alias is ever expanded. Refused: files over the size limit (``MAX_BYTES``, 1 MiB by default),
non-UTF-8 bytes, tabs used for indentation, anchors and aliases, tags other than YAML's plain
types, duplicate keys, nesting deeper than ``MAX_DEPTH``, several documents in one file and
empty files. Reading stops at the first such problem, reported with its line and column. The
result is plain data plus a map from each node's path to its position.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from spinout.bounded import read_bounded
from spinout.errors import Problem, YamlFileError
from spinout.record import Record, field
from spinout.yamlbuilder import MAX_DEPTH, MAX_INTEGER, Builder, Path_

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_INTEGER", "Document", "Path_", "loader_class",
           "parse_yaml", "read_yaml"]

MAX_BYTES = 1024 * 1024


class Document(Record):
    """Parsed YAML data with the 1-based (line, column) of every node, keyed by path.

    ``marks`` gives a mapping entry's value (or its key, when the value starts on a later
    line); ``keys`` gives the key itself, for problems about the key."""

    name: str
    data: Any
    marks: Mapping[Path_, tuple[int, int]]
    keys: Mapping[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Position of the deepest node along ``path`` that exists (of its key if ``key``)."""
        if key and tuple(path) in self.keys:
            return self.keys[tuple(path)]
        for end in range(len(path), -1, -1):
            mark = self.marks.get(tuple(path[:end]))
            if mark:
                return mark
        return (1, 1)

    def problem(self, path: Path_, message: str, hint: str = "", key: bool = False) -> Problem:
        line, col = self.locate(path, key)
        return Problem(self.name, line, col, message, hint)


def loader_class() -> type:
    """libyaml's C loader when PyYAML was built with it, else the pure-Python one."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, name: str | None = None, max_bytes: int = MAX_BYTES,
              yaml11_letters: bool = False, escapes: bool = False) -> Document:
    """Read one YAML file from disk, refusing anything unsafe (raises YamlFileError).
    ``yaml11_letters`` and ``escapes``: see :func:`parse_yaml`."""
    name = name or str(path)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise YamlFileError(_too_big(name, size, max_bytes))
            raw = read_bounded(handle, max_bytes)
    except OSError as exc:
        raise YamlFileError(
            Problem(name, None, None, f"cannot read the file ({exc.strerror or exc})",
                    "check the path and its permissions")
        ) from None
    return parse_yaml(raw, name, max_bytes, yaml11_letters, escapes)


def _too_big(name: str, size: int, max_bytes: int) -> Problem:
    return Problem(name, None, None, f"file is {size:,} bytes, over the limit of {max_bytes:,}",
                   "split it into smaller files or remove unused content")


def parse_yaml(raw: bytes, name: str, max_bytes: int = MAX_BYTES,
               yaml11_letters: bool = False, escapes: bool = False) -> Document:
    """Parse YAML bytes into a :class:`Document` (raises YamlFileError).

    Plain scalars are resolved as YAML 1.1: ``yes``/``no``/``on``/``off`` (and ``true``/
    ``false`` in three casings) are booleans. PyYAML leaves out the one-letter forms of the
    YAML 1.1 boolean type; with ``yaml11_letters`` a plain ``y``/``Y``/``n``/``N`` is a boolean
    too, exactly as yaml-language-server reads a file with ``yaml.yamlVersion`` 1.1, so the
    rule files mean the same to spinout and to an editor checking them against the schema.
    Answers files keep PyYAML's reading, which its dumper writes for.

    Control characters are refused in the file and, unless ``escapes`` is set, also in text
    values after YAML escapes (``"\\e"``, ``"\\x9b"``) are decoded. Rule files set ``escapes``:
    their texts are cleaned wherever they are shown, and an editor may quote a passage as it
    is; answers files never need one."""
    if len(raw) > max_bytes:
        raise YamlFileError(_too_big(name, len(raw), max_bytes))
    text = _decode(raw, name)
    _check_characters(text, name)
    _check_indentation(text, name)
    if not yaml11_letters:
        from spinout.yamlfast import quick_data

        read, data = quick_data(text, escapes)
        if read:
            later = _Later(text, name, escapes)
            return Document(name, data, _Marks(later, "marks"), _Marks(later, "keys"))
    builder = _build(text, name, yaml11_letters, escapes)
    return Document(name, builder.root, builder.marks, builder.keys)


def _build(text: str, name: str, yaml11_letters: bool, escapes: bool) -> Builder:
    builder = Builder(name, yaml11_letters, escapes)
    builder.run(text, loader_class())
    return builder


class _Later:
    """A text read the quick way, read again with the builder the first time a position in it
    is wanted (to show a problem), so that every position is the builder's own."""

    def __init__(self, text: str, name: str, escapes: bool) -> None:
        self.text, self.name, self.escapes = text, name, escapes
        self.found: dict[str, dict[Path_, tuple[int, int]]] = {}

    def table(self, which: str) -> dict[Path_, tuple[int, int]]:
        if not self.found:
            builder = _build(self.text, self.name, False, self.escapes)
            self.found = {"marks": builder.marks, "keys": builder.keys}
            self.text = ""
        return self.found[which]


class _Marks(Mapping[Path_, tuple[int, int]]):
    """``marks`` or ``keys`` of a document read the quick way, filled on first use."""

    def __init__(self, later: _Later, which: str) -> None:
        self.later, self.which = later, which

    def __getitem__(self, path: Path_) -> tuple[int, int]:
        return self.later.table(self.which)[path]

    def __iter__(self) -> Iterator[Path_]:
        return iter(self.later.table(self.which))

    def __len__(self) -> int:
        return len(self.later.table(self.which))


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlFileError(
            Problem(name, line, col, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                    "save the file as UTF-8")
        ) from None


# What YAML does not allow in a file, written as the complement of its printable set (tab, LF,
# CR, x20-x7E, x85, xA0-xD7FF, xE000-xFFFD, x10000-x10FFFF): the same characters, but a small
# class compiles in well under a millisecond where the negated one takes several at every start.
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _check_characters(text: str, name: str) -> None:
    """Refuse characters YAML does not allow (NUL and other controls), with their place."""
    found = _NOT_PRINTABLE.search(text)
    if found:
        at = found.start()
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        raise YamlFileError(Problem(name, line, col, f"control character "
                                    f"U+{ord(found.group()):04X} is not allowed",
                                    "remove it; YAML files hold printable text only"))


def _check_indentation(text: str, name: str) -> None:
    if "\t" not in text:
        return
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t") and stripped.strip():
            raise YamlFileError(
                Problem(name, number, len(line) - len(stripped) + 1,
                        "a tab is used for indentation", "indent with spaces only")
            )
