"""Records: the immutable value types results, report parts and rule-set items are built from.

A record is a ``msgspec.Struct``: declared like a dataclass (annotated fields, defaults,
``msgspec.field(default_factory=...)``, ``__post_init__``), with equality by type and fields,
hashing when frozen, a readable repr and pickling. It is used instead of ``dataclasses`` because
creating a dataclass compiles its methods from source (about 1 ms a class on Python 3.11, some
70 classes on a report's path), while a Struct is built in microseconds, and its instances are
created and copied several times faster, which a group report of many files feels.
"""

from __future__ import annotations

from typing import TypeVar, dataclass_transform

import msgspec

__all__ = ["Mutable", "Record", "field", "replace"]

field = msgspec.field

R = TypeVar("R", bound=msgspec.Struct)


@dataclass_transform(frozen_default=True, field_specifiers=(msgspec.field,))
class Record(msgspec.Struct, frozen=True):
    """An immutable record; subclasses declare the fields. (Subclasses inherit ``frozen`` at
    run time; the decorator tells type checkers so, which would otherwise want each subclass to
    say ``frozen=True`` again.)"""


class Mutable(msgspec.Struct):
    """A record whose fields may be reassigned (tallies and builders filled in as they go)."""


def replace(record: R, **changes: object) -> R:
    """A copy of ``record`` with ``changes`` applied."""
    return msgspec.structs.replace(record, **changes)
