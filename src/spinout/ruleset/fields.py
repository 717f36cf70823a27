"""What every rule-set item shares: its base, ids and option values.

The items the program works with are records (:mod:`spinout.record`), free of any validation
library: they are built from rule files that :mod:`spinout.ruleset.schema` has validated, or
read back from the cache of checked rule sets, so a command that finds its rule set in the cache
never imports pydantic.
"""


import datetime
from typing import Any

import msgspec

from spinout.record import Record

Id = str
OptionValue = bool | int | str


class Item(Record, kw_only=True, forbid_unknown_fields=True):
    """A rule-set item. Fields are given by name; subclasses that add a field without a
    default after an inherited one with a default say ``kw_only=True`` again."""

    def data(self, unset: bool = False) -> dict[str, Any]:
        """The item as plain data, keyed as a rule file keys it (``is``, ``in``, ``not``), with
        tuples as lists and dates as ISO text; fields left unset (None) are left out, or given
        as None when ``unset``."""
        out: dict[str, Any] = {}
        for f in msgspec.structs.fields(self):
            value = getattr(self, f.name)
            if value is not None or unset:
                out[f.encode_name] = _plain(value)
        return out


def _plain(value: Any) -> Any:
    if isinstance(value, Item):
        return value.data()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
