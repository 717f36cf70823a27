"""Plain data from YAML parser events: a small iterative builder that records the line and
column of every node and stops at the first unsafe or invalid construct (aliases, anchors, tags
other than YAML's plain types, duplicate keys, nesting deeper than ``MAX_DEPTH``, several
documents, an empty file)."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Hashable
from typing import Any

from spinout.errors import Problem, YamlFileError
from spinout.record import Mutable, field

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
# What a decoded text value may not hold: C0/C1 controls other than tab and newline (also when
# written as a YAML escape such as "\e" or "\x9b"), line and paragraph separators.
CONTROL_IN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _mark(event: Any) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


class _Frame(Mutable):
    """A mapping or list being filled: where it is, and (for a mapping) the pending key."""

    container: Any
    path: Path_
    key: Any = None
    key_mark: tuple[int, int] = (0, 0)
    want_key: bool = True
    key_lines: dict[Any, int] = field(default_factory=dict)


class Builder:
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

    def run(self, text: str, loader_cls: type) -> None:
        """Read ``text`` with a PyYAML loader class; the data and its marks are then in
        ``root``, ``marks`` and ``keys``."""
        import yaml

        loader = loader_cls(text)
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
        except (ValueError, TypeError, KeyError, AttributeError, yaml.YAMLError):
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
        found = None if self.escapes else CONTROL_IN_VALUE.search(event.value)
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
