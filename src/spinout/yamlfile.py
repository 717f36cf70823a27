"""Reading untrusted YAML: safe loading only, with line and column for every node.

Refused before or while parsing: files over the size limit, non-UTF-8 bytes, tabs used for
indentation, anchors and aliases, tags other than YAML's plain types, duplicate keys, and empty
files. The result is plain Python data plus a map from each node's path to its position.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spinout.errors import Problem, YamlFileError

MAX_BYTES = 1024 * 1024
Path_ = tuple[Hashable, ...]
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}


@dataclass(frozen=True)
class Document:
    """Parsed YAML data with the 1-based (line, column) of every node, keyed by path."""

    name: str
    data: Any
    marks: dict[Path_, tuple[int, int]]

    def locate(self, path: Path_) -> tuple[int, int]:
        """Position of the deepest node along ``path`` that exists."""
        for end in range(len(path), -1, -1):
            mark = self.marks.get(tuple(path[:end]))
            if mark:
                return mark
        return (1, 1)

    def problem(self, path: Path_, message: str, hint: str = "") -> Problem:
        line, col = self.locate(path)
        return Problem(self.name, line, col, message, hint)


def _loader_class() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, name: str | None = None, max_bytes: int = MAX_BYTES) -> Document:
    """Read one YAML file from disk, refusing anything unsafe (raises YamlFileError)."""
    name = name or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise YamlFileError(
                Problem(name, None, None, f"file is {size:,} bytes, over the limit of "
                        f"{max_bytes:,}", "split it into smaller files or remove unused content")
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlFileError(
            Problem(name, None, None, f"cannot read the file ({exc.strerror or exc})",
                    "check the path and its permissions")
        ) from None
    return parse_yaml(raw, name, max_bytes)


def parse_yaml(raw: bytes, name: str, max_bytes: int = MAX_BYTES) -> Document:
    """Parse YAML bytes into a :class:`Document` (raises YamlFileError)."""
    if len(raw) > max_bytes:
        raise YamlFileError(Problem(name, None, None, f"file is over the limit of {max_bytes:,}"
                                    " bytes", "split it into smaller files"))
    text = _decode(raw, name)
    _check_indentation(text, name)
    node = _compose(text, name)
    if node is None:
        raise YamlFileError(Problem(name, 1, 1, "the file is empty",
                                    "add content, or delete the file"))
    marks: dict[Path_, tuple[int, int]] = {}
    data = _Builder(name, marks).build(node, ())
    return Document(name, data, marks)


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


def _check_indentation(text: str, name: str) -> None:
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise YamlFileError(
                Problem(name, number, len(line) - len(stripped) + 1,
                        "a tab is used for indentation", "indent with spaces only")
            )


def _compose(text: str, name: str) -> Any:
    import yaml

    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (exc.problem or exc.context or "invalid YAML").strip()
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise YamlFileError(Problem(name, line, col, f"invalid YAML: {what}",
                                    "check the indentation and punctuation near here")) from None
    except yaml.YAMLError as exc:
        raise YamlFileError(Problem(name, None, None, f"invalid YAML: {exc}",
                                    "check the file's syntax")) from None
    finally:
        loader.dispose()
    return node


class _Builder:
    """Turns a composed node tree into plain data, recording marks and refusing the unsafe."""

    def __init__(self, name: str, marks: dict[Path_, tuple[int, int]]) -> None:
        self.name = name
        self.marks = marks
        self.seen: set[int] = set()
        import yaml

        self.constructor = yaml.constructor.SafeConstructor()

    def fail(self, node: Any, message: str, hint: str) -> YamlFileError:
        mark = node.start_mark
        return YamlFileError(Problem(self.name, mark.line + 1, mark.column + 1, message, hint))

    def build(self, node: Any, path: Path_) -> Any:
        import yaml

        if id(node) in self.seen:
            raise self.fail(node, "anchors and aliases (`&name`, `*name`) are not allowed",
                            "write the content out in full where it is needed")
        self.seen.add(id(node))
        self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _PLAIN_TAGS:
            raise self.fail(node, f"the tag `{node.tag}` is not allowed",
                            "remove the `!` tag; only plain values, lists and mappings are read")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: Any, path: Path_) -> dict[Any, Any]:
        import yaml

        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "merge keys (`<<`) are not allowed",
                                "write the keys out in full")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "a mapping key must be a plain value",
                                "use a simple word as the key")
            if key_node.tag not in _PLAIN_TAGS:
                raise self.fail(key_node, f"the tag `{key_node.tag}` is not allowed",
                                "remove the `!` tag from the key")
            key = self._scalar(key_node)
            if not isinstance(key, Hashable) or isinstance(key, float):
                raise self.fail(key_node, "a mapping key must be a word or a number",
                                "use a simple word as the key")
            if key in result:
                first = self.marks.get((*path, key), (0, 0))[0]
                raise self.fail(key_node, f"duplicate key `{key}` (first given on line {first})",
                                "remove one of them; YAML would silently keep only the last")
            self.marks[(*path, key)] = (key_node.start_mark.line + 1,
                                        key_node.start_mark.column + 1)
            result[key] = self._value(value_node, (*path, key))
        return result

    def _value(self, node: Any, path: Path_) -> Any:
        key_mark = self.marks[path]
        value = self.build(node, path)
        if not isinstance(value, dict | list):
            self.marks[path] = key_mark if node.start_mark.line + 1 != key_mark[0] else (
                node.start_mark.line + 1, node.start_mark.column + 1)
        return value

    def _scalar(self, node: Any) -> Any:
        import yaml

        try:
            value = self.constructor.construct_object(node)
        except (ValueError, TypeError, yaml.YAMLError):
            kind = node.tag.rsplit(":", 1)[-1]
            raise self.fail(node, f"`{node.value}` is not a valid {kind}",
                            "quote it if it is meant as text") from None
        if isinstance(value, _dt.date):
            return str(node.value)
        return value
