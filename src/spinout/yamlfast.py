"""The quick way to the same data as :class:`spinout.yamlbuilder.Builder`, for the common file.

libyaml's C parser and composer build the node tree; a short recursive walk turns it into
plain data, applying the builder's rules: only YAML's plain tags, no merge keys, no duplicate
keys (by value, so ``1`` and ``true`` are one key), keys that are words, numbers or booleans,
nesting at most ``MAX_DEPTH``, integers at most ``MAX_INTEGER``, dates kept as their text, no
control character in a decoded text, one document. Anchors cannot be seen in a node tree, so
a text holding ``&`` or ``*`` anywhere is not read here at all. Whatever the walk does not
accept (or any error from libyaml) gives ``None``: the caller then reads the text with the
builder, which accepts it with the same data or refuses it with a located problem. Nothing
here ever reports a problem of its own, and no position is recorded.
"""

from __future__ import annotations

from typing import Any

from spinout.yamlbuilder import CONTROL_IN_VALUE, MAX_DEPTH, MAX_INTEGER

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_OTHER_SCALARS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
                  "tag:yaml.org,2002:null", _TIMESTAMP)


class _Doubt(Exception):
    """The walk will not decide: the builder reads the text instead."""


def quick_data(text: str, escapes: bool = False) -> tuple[bool, Any]:
    """``(True, data)`` when the builder would read ``text`` (already decoded and checked for
    raw control characters and tab indentation) as ``data`` with YAML 1.1 booleans as PyYAML
    reads them; ``(False, None)`` when only the builder can tell."""
    if "&" in text or "*" in text:
        return False, None
    check = not escapes and ("\\" in text or CONTROL_IN_VALUE.search(text) is not None)
    loader = _loader_class()(text)
    try:
        root = loader.get_single_node()
        if root is None:  # no document: the builder says the file is empty
            return False, None
        return True, _Walk(loader, check).value(root, 0)
    except Exception:  # noqa: BLE001 - any doubt at all: the builder reads it
        return False, None
    finally:
        loader.dispose()


_LOADERS: list[type] = []
_TAGS: dict[str, str] = {}  # a short plain scalar's resolved tag, by its text (bounded)


def _loader_class() -> type:
    """libyaml's loader, remembering what each plain scalar resolves to: the same tags as
    PyYAML's resolver gives (the answer depends on the text alone), looked up once."""
    if _LOADERS:
        return _LOADERS[0]
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is not yaml.ScalarNode or not implicit[0]:
                return super().resolve(kind, value, implicit)
            tag = _TAGS.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_TAGS) < 4096 and len(value) <= 64:
                    _TAGS[value] = tag
            return tag

    _LOADERS.append(Loader)
    return Loader


class _Walk:
    """Node tree to plain data; raises _Doubt at anything the builder might not accept as is."""

    def __init__(self, constructor: Any, check: bool) -> None:
        self.constructor = constructor
        self.constructors = constructor.yaml_constructors
        self.check = check

    def value(self, node: Any, depth: int) -> Any:
        tag = node.tag
        if tag == _STR:
            return self.text(node)
        kind = node.id
        if kind == "scalar":
            return self.scalar(node, tag)
        if depth >= MAX_DEPTH:
            raise _Doubt
        if kind == "mapping" and tag == _MAP:
            return self.mapping(node, depth + 1)
        if kind == "sequence" and tag == _SEQ:
            return [self.value(item, depth + 1) for item in node.value]
        raise _Doubt

    def mapping(self, node: Any, depth: int) -> dict[Any, Any]:
        pairs = node.value
        built = {self.key(key): self.value(value, depth) for key, value in pairs}
        if len(built) != len(pairs):  # a duplicate key
            raise _Doubt
        return built

    def key(self, node: Any) -> Any:
        if node.id != "scalar":
            raise _Doubt
        key = self.text(node) if node.tag == _STR else self.scalar(node, node.tag)
        if key is None or isinstance(key, float):
            raise _Doubt
        return key

    def text(self, node: Any) -> str:
        value: str = node.value
        if self.check and CONTROL_IN_VALUE.search(value):
            raise _Doubt
        return value

    def scalar(self, node: Any, tag: str) -> Any:
        if tag == "tag:yaml.org,2002:value":
            return self.text(node)
        if tag not in _OTHER_SCALARS:
            raise _Doubt
        value = self.constructors[tag](self.constructor, node)
        if tag == _TIMESTAMP:
            return node.value
        if type(value) is int and abs(value) > MAX_INTEGER:
            raise _Doubt
        return value
