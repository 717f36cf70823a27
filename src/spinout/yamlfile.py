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

import datetime as _dt
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spinout.errors import Problem, YamlFileError

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_INTEGER = 10**15  # beyond this an integer loses meaning as a float (and may overflow one)
Path_ = tuple[Hashable, ...]
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_LETTERS = {"y": True, "Y": True, "n": False, "N": False}  # YAML 1.1 booleans PyYAML omits
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


@dataclass(frozen=True)
class Document:
    """Parsed YAML data with the 1-based (line, column) of every node, keyed by path.

    ``marks`` gives a mapping entry's value (or its key, when the value starts on a later
    line); ``keys`` gives the key itself, for problems about the key."""

    name: str
    data: Any
    marks: dict[Path_, tuple[int, int]]
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

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
        size = path.stat().st_size
        if size > max_bytes:
            raise YamlFileError(_too_big(name, size, max_bytes))
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
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
    return _Builder(name, yaml11_letters, escapes).run(text)


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


_NOT_PRINTABLE = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What a decoded text value may not hold: C0/C1 controls other than tab and newline (also when
# written as a YAML escape such as "\e" or "\x9b"), line and paragraph separators.
_CONTROL_IN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


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


def _mark(event: Any) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


@dataclass
class _Frame:
    """A mapping or list being filled: where it is, and (for a mapping) the pending key."""

    container: Any
    path: Path_
    key: Any = None
    key_mark: tuple[int, int] = (0, 0)
    want_key: bool = True
    key_lines: dict[Any, int] = field(default_factory=dict)


class _Builder:
    """Turns parser events into plain data, recording marks; the first unsafe or invalid
    construct stops the reading with one located problem."""

    def __init__(self, name: str, yaml11_letters: bool = False, escapes: bool = False) -> None:
        self.name = name
        self.escapes = escapes
        self.letters = _LETTERS if yaml11_letters else {}
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.keys: dict[Path_, tuple[int, int]] = {}
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

    def run(self, text: str) -> Document:
        import yaml

        loader = loader_class()(text)
        try:
            self._events(loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            what = (exc.problem or exc.context or "invalid YAML").strip()
            line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
            raise YamlFileError(Problem(self.name, line, col, f"invalid YAML: {what}",
                                        "check the indentation and punctuation near here")
                                ) from None
        except yaml.YAMLError as exc:
            raise YamlFileError(Problem(self.name, None, None, f"invalid YAML: {exc}",
                                        "check the file's syntax")) from None
        finally:
            loader.dispose()
        if self.documents == 0:
            raise YamlFileError(Problem(self.name, 1, 1, "the file is empty",
                                        "add content, or delete the file"))
        return Document(self.name, self.root, self.marks, self.keys)

    def _events(self, loader: Any) -> None:
        import yaml

        while True:
            event = loader.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                return
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise self.fail(event, "the file holds more than one YAML document",
                                    "remove the `---` line and keep one document per file")
            elif isinstance(event, yaml.AliasEvent):
                raise self.fail(event, f"aliases (`*{event.anchor}`) are not allowed",
                                "write the content out in full where it is needed")
            elif isinstance(event, yaml.ScalarEvent):
                self.check_anchor(event)
                self.place(self.scalar(loader, event), event)
            elif isinstance(event, yaml.CollectionStartEvent):
                self.start(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                self.stack.pop()

    def fail(self, event: Any, message: str, hint: str) -> YamlFileError:
        line, col = _mark(event)
        return YamlFileError(Problem(self.name, line, col, message, hint))

    def check_anchor(self, event: Any) -> None:
        if event.anchor is not None:
            raise self.fail(event, f"anchors (`&{event.anchor}`) are not allowed",
                            "write the content out in full where it is needed")

    def start(self, event: Any) -> None:
        import yaml

        self.check_anchor(event)
        is_map = isinstance(event, yaml.MappingStartEvent)
        if event.tag not in (None, "!", _MAP if is_map else _SEQ):
            raise self.fail(event, f"the tag `{event.tag}` is not allowed",
                            "remove the `!` tag; only plain values, lists and mappings are read")
        if len(self.stack) >= MAX_DEPTH:
            raise self.fail(event, f"nesting is deeper than {MAX_DEPTH} levels",
                            "flatten the structure")
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.container, dict) and top.want_key:
            raise self.fail(event, "a mapping key must be a plain value",
                            "use a simple word as the key")
        container: Any = {} if is_map else []
        path = self.place(container, event)
        self.stack.append(_Frame(container, path))

    def scalar(self, loader: Any, event: Any) -> Any:
        import yaml

        tag = event.tag
        if tag is None and event.implicit[0] and event.value in self.letters:
            return self.letters[event.value]
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR or tag == "tag:yaml.org,2002:value":
            return self.text(event)
        if tag == _MERGE:
            raise self.fail(event, "merge keys (`<<`) are not allowed",
                            "write the keys out in full")
        if tag not in _SCALAR_TAGS:
            raise self.fail(event, f"the tag `{tag}` is not allowed",
                            "remove the `!` tag; only plain values, lists and mappings are read")
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = loader.yaml_constructors[tag](loader, node)
        except (ValueError, TypeError, yaml.YAMLError):
            kind = tag.rsplit(":", 1)[-1]
            raise self.fail(event, f"`{event.value}` is not a valid {kind}",
                            "quote it if it is meant as text") from None
        if isinstance(value, _dt.date):
            return str(event.value)
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER:
            raise self.fail(event, f"the number `{event.value[:20]}…` is too large",
                            f"numbers here are at most {MAX_INTEGER:,}; quote it if it is text")
        return value

    def text(self, event: Any) -> str:
        """A text value, refused when its escapes decode to a control character."""
        found = None if self.escapes else _CONTROL_IN_VALUE.search(event.value)
        if found:
            raise self.fail(event, f"control character U+{ord(found.group()):04X} is not "
                            "allowed (written as an escape)",
                            "remove the escape; values hold printable text only")
        return str(event.value)

    def place(self, value: Any, event: Any) -> Path_:
        """Put a value into the container being filled; returns the value's path."""
        mark = _mark(event)
        if not self.stack:
            self.root = value
            self.marks[()] = mark
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            path = (*top.path, len(top.container))
            top.container.append(value)
            self.marks[path] = mark
            return path
        if top.want_key:
            self.key(top, value, event)
            return top.path
        top.want_key = True
        path = (*top.path, top.key)
        top.container[top.key] = value
        if isinstance(value, dict | list) or mark[0] == top.key_mark[0]:
            self.marks[path] = mark
        else:
            self.marks[path] = top.key_mark
        return path

    def key(self, top: _Frame, key: Any, event: Any) -> None:
        if not isinstance(key, Hashable) or isinstance(key, float) or key is None:
            raise self.fail(event, "a mapping key must be a word or a number",
                            "use a simple word as the key")
        if key in top.key_lines:
            raise self.fail(event, f"duplicate key `{key}` (first given on line "
                            f"{top.key_lines[key]})",
                            "remove one of them; YAML would silently keep only the last")
        top.want_key = False
        top.key = key
        top.key_mark = _mark(event)
        top.key_lines[key] = top.key_mark[0]
        self.marks[(*top.path, key)] = self.keys[(*top.path, key)] = top.key_mark
