"""The quick way to the same data as :class:`spinout.yamlbuilder.Builder`, for the common file.

libyaml's C parser hands over the events; a short recursive walk over them builds plain data
under the builder's rules: only YAML's plain tags, no merge keys, no duplicate keys (by value,
so ``1`` and ``true`` are one key), keys that are words, numbers or booleans, nesting at most
``MAX_DEPTH``, integers at most ``MAX_INTEGER``, dates kept as their text, no control character
in a decoded text, one document. Anchors are never read here: a text holding ``&`` or ``*``
anywhere goes to the builder. Whatever the walk does not accept (or any error from libyaml)
gives ``None``: the caller then reads the text with the builder, which accepts it with the same
data or refuses it with a located problem. Nothing here ever reports a problem of its own, and
no position is recorded. (Walking the events rather than libyaml's node tree saves the four
calls into Python the composer makes for every node: about half the time of a small file.)
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
        return _Walk(loader, check).document()
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
    """Parser events to plain data; raises _Doubt at anything the builder might not accept as
    is."""

    def __init__(self, loader: Any, check: bool) -> None:
        import yaml

        self.loader = loader
        self.next = loader.get_event
        self.constructors = loader.yaml_constructors
        self.check = check
        self.yaml = yaml
        self.read = {yaml.ScalarEvent: self.scalar, yaml.MappingStartEvent: self.mapping,
                     yaml.SequenceStartEvent: self.sequence}

    def document(self) -> tuple[bool, Any]:
        """The one document's data; ``(False, None)`` for a stream without one (the builder
        says the file is empty)."""
        yaml = self.yaml
        if type(self.next()) is not yaml.StreamStartEvent:
            raise _Doubt
        first = self.next()
        if type(first) is yaml.StreamEndEvent:
            return False, None
        if type(first) is not yaml.DocumentStartEvent:
            raise _Doubt
        root = self.value(self.next(), 0)
        if type(self.next()) is not yaml.DocumentEndEvent:
            raise _Doubt
        if type(self.next()) is not yaml.StreamEndEvent:
            raise _Doubt  # a second document: the builder refuses the file
        return True, root

    def value(self, event: Any, depth: int) -> Any:
        read = self.read.get(type(event))
        if read is None:  # an alias, or an end where a value belongs
            raise _Doubt
        return read(event, depth)

    def mapping(self, event: Any, depth: int) -> dict[Any, Any]:
        if event.tag not in (None, "!", _MAP) or depth >= MAX_DEPTH:
            raise _Doubt
        end, scalar, get = self.yaml.MappingEndEvent, self.yaml.ScalarEvent, self.next
        check, tags = self.check, _TAGS
        built: dict[Any, Any] = {}
        while True:
            event = get()
            kind = type(event)
            if kind is end:
                return built
            if kind is not scalar:  # a key that is a list or mapping
                raise _Doubt
            # A plain or quoted text without a tag (most keys and values) is taken as it is;
            # anything else goes through scalar(), which decides the same for such a text.
            key = event.value
            if check or event.tag is not None or (event.implicit[0] and tags.get(key) != _STR):
                key = self.scalar(event, depth)
                if key is None or isinstance(key, float):
                    raise _Doubt
            if key in built:  # a duplicate
                raise _Doubt
            event = get()
            if type(event) is not scalar:
                built[key] = self.value(event, depth + 1)
            elif check or event.tag is not None or (
                    event.implicit[0] and tags.get(event.value) != _STR):
                built[key] = self.scalar(event, depth)
            else:
                built[key] = event.value

    def sequence(self, event: Any, depth: int) -> list[Any]:
        if event.tag not in (None, "!", _SEQ) or depth >= MAX_DEPTH:
            raise _Doubt
        end = self.yaml.SequenceEndEvent
        built: list[Any] = []
        while True:
            event = self.next()
            if type(event) is end:
                return built
            built.append(self.value(event, depth + 1))

    def scalar(self, event: Any, depth: int) -> Any:
        value: str = event.value
        tag = event.tag
        if tag is None and event.implicit[0]:
            tag = _TAGS.get(value)
        elif tag is None:
            tag = _STR  # quoted: text, as the resolver says
        if tag is None or tag == "!":
            tag = self.loader.resolve(self.yaml.ScalarNode, value, event.implicit)
        if tag == _STR or tag == "tag:yaml.org,2002:value":
            if self.check and CONTROL_IN_VALUE.search(value):
                raise _Doubt
            return value
        if tag not in _OTHER_SCALARS:
            raise _Doubt
        built = self.constructors[tag](self.loader, self.yaml.ScalarNode(tag, value))
        if tag == _TIMESTAMP:
            return value
        if type(built) is int and abs(built) > MAX_INTEGER:
            raise _Doubt
        return built
