"""`spinout compare`: what moved between two assessments of the same group.

Each side is an answers file, a folder of them (a group), or a JSON report; answers are first
turned into the JSON report structure (by the command), so both kinds compare the same way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spinout.bounded import read_bounded
from spinout.errors import AnswersError, Problem
from spinout.record import Record

FORMATS = ("md", "html", "json")
MAX_REPORT_BYTES = 64 * 1024 * 1024
KINDS = ("individual", "group")


class Side(Record):
    """One assessment being compared: its name on the command line and its report data."""

    label: str
    data: dict[str, Any]


class Change(Record):
    old: float | None
    new: float | None
    digits: int = 1

    @property
    def delta(self) -> float | None:
        if self.old is None or self.new is None:
            return None
        return round(self.new - self.old, self.digits) + 0.0

    @property
    def direction(self) -> str:
        d = self.delta
        if d is None:
            return "unknown"
        return "up" if d > 0 else "down" if d < 0 else "same"


def read_json_report(path: Path) -> dict[str, Any] | None:
    """The report in a JSON file, or None when the file is not JSON (e.g. YAML answers)."""
    try:
        with open(path, "rb") as handle:
            raw = read_bounded(handle, MAX_REPORT_BYTES)
    except OSError as exc:
        raise AnswersError(Problem(str(path), None, None, f"cannot read the file "
                                   f"({exc.strerror})", "check the path")) from None
    if len(raw) > MAX_REPORT_BYTES:
        raise AnswersError(Problem(str(path), None, None, "file is too large for a report",
                                   f"reports are limited to {MAX_REPORT_BYTES:,} bytes"))
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
    if not text.lstrip().startswith("{"):
        return None
    hint = "give a report written by `spinout report --format json`, or an answers file"
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise AnswersError(Problem(str(path), exc.lineno, exc.colno, f"invalid JSON: {exc.msg}",
                                   hint)) from None
    except (ValueError, RecursionError) as exc:  # NaN, Infinity, 4,300-digit numbers, nesting
        why = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
        raise AnswersError(Problem(str(path), None, None, f"not a spinout JSON report ({why})",
                                   hint)) from None
    if not isinstance(data, dict) or data.get("kind") not in KINDS:
        return None
    _check_report(path, data)
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"`{name}` is not a number a report holds")


def _check_report(path: Path, data: dict[str, Any]) -> None:
    from spinout.report.json_report import FORMAT

    if data.get("format") != FORMAT:
        shown = data.get("format")
        shown = shown if isinstance(shown, int | str) and len(str(shown)) < 20 else "?"
        raise AnswersError(Problem(str(path), None, None, f"report format `{shown}` is not "
                                   "supported", "make the report again with this version of "
                                   f"spinout (format {FORMAT})"))
    try:
        ok = _well_formed(data)
    except (KeyError, TypeError, AttributeError) as exc:
        missing = exc if isinstance(exc, KeyError) else "a part"
        raise AnswersError(Problem(str(path), None, None, f"not a complete spinout JSON report "
                                   f"(missing {missing})", "make it again with `spinout report "
                                   "--format json`")) from None
    if not ok:
        raise AnswersError(Problem(str(path), None, None, "not a spinout JSON report (a value "
                                   "has the wrong type or is out of range)", "make it again "
                                   "with `spinout report --format json`"))


def _well_formed(data: dict[str, Any]) -> bool:
    """Every key the comparison reads, of the right type and range (KeyError or TypeError for
    a missing part). A group report withheld for its size has a null band and stage."""
    withheld = data.get("kind") == "group" and data.get("withheld") is True
    return (isinstance(data["rules"]["name"], str)
            and _is(data["respondents"], int, high=10**9)
            and _placed(data["band"], "level", withheld) and _placed(data["stage"], "index",
                                                                     withheld)
            and _is(data["overall"], float, none=True, high=100)
            and _is(data["confidence"], float, none=withheld, high=1)
            and isinstance(data["dimensions"], list) and isinstance(data["barriers"], list)
            and all(isinstance(d["id"], str) and isinstance(d["name"], str)
                    and _is(d["score"], float, none=True, high=100) for d in data["dimensions"])
            and all(isinstance(b[k], str) for b in data["barriers"]
                    for k in ("id", "title", "severity")))


def _placed(part: Any, key: str, withheld: bool) -> bool:
    if part is None:
        return withheld
    return isinstance(part["id"], str) and _is(part[key], int, high=10_000)


def _is(value: Any, kind: type, none: bool = False, high: float = 1e9) -> bool:
    """A JSON number (``float`` allows integers too) or integer from 0 to ``high``, never a
    boolean."""
    if value is None:
        return none
    if isinstance(value, bool):
        return False
    if not (isinstance(value, int | float) if kind is float else isinstance(value, kind)):
        return False
    return 0 <= value <= high


def check_same_rules(old: Side, new: Side) -> None:
    a, b = old.data["rules"]["name"], new.data["rules"]["name"]
    if a != b:
        raise AnswersError(Problem(new.label, None, None, f"made under the rule set `{b}`, "
                                   f"but {old.label} under `{a}`", "compare two assessments "
                                   "made under the same rule set"))


def comparison(old: Side, new: Side) -> dict[str, Any]:
    """What moved from ``old`` to ``new``, as plain data (the JSON output)."""
    o, n = old.data, new.data
    return {
        "format": 1,
        "kind": "comparison",
        "rules": {"name": n["rules"]["name"], "old_version": o["rules"].get("version"),
                  "new_version": n["rules"].get("version"),
                  "old_digest": o["rules"].get("digest"), "new_digest": n["rules"].get("digest")},
        "old": _about(old), "new": _about(new),
        "overall": _change(Change(o["overall"], n["overall"])),
        "confidence": _change(Change(o["confidence"], n["confidence"], 3)),
        "band": {"old": _band(o), "new": _band(n),
                 "direction": _direction(o["band"], n["band"], "level", "up", "down")},
        "stage": {"old": _stage(o), "new": _stage(n),
                  "progress": _direction(o["stage"], n["stage"], "index", "forward", "back")},
        "dimensions": _dimensions(o, n),
        "barriers": _barriers(o, n),
    }


def _about(side: Side) -> dict[str, Any]:
    d = side.data
    return {"source": side.label, "kind": d["kind"], "date": d.get("date"),
            "respondents": d["respondents"]}


def _change(c: Change) -> dict[str, Any]:
    return {"old": c.old, "new": c.new, "change": c.delta, "direction": c.direction}


def _direction(old: dict[str, Any] | None, new: dict[str, Any] | None, key: str, up: str,
               down: str) -> str:
    """"unknown" when either side is withheld."""
    if old is None or new is None:
        return "unknown"
    return up if new[key] > old[key] else down if new[key] < old[key] else "same"


def _band(d: dict[str, Any]) -> dict[str, Any] | None:
    b = d["band"]
    return None if b is None else {"id": b["id"], "name": _name(b), "level": b["level"]}


def _stage(d: dict[str, Any]) -> dict[str, Any] | None:
    s = d["stage"]
    return None if s is None else {"id": s["id"], "name": _name(s), "index": s["index"]}


def _name(part: dict[str, Any]) -> str:
    name = part.get("name")
    return name if isinstance(name, str) else part["id"]


def _dimensions(o: dict[str, Any], n: dict[str, Any]) -> list[dict[str, Any]]:
    old = {d["id"]: d for d in o["dimensions"]}
    new = {d["id"]: d for d in n["dimensions"]}
    order = [*new, *(k for k in old if k not in new)]
    rows = []
    for did in order:
        c = Change(old[did]["score"] if did in old else None,
                   new[did]["score"] if did in new else None)
        name = (new.get(did) or old[did])["name"]
        rows.append({"id": did, "name": name, **_change(c)})
    return rows


def _barriers(o: dict[str, Any], n: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    def brief(b: dict[str, Any]) -> dict[str, Any]:
        return {"id": b["id"], "title": b["title"], "severity": b["severity"]}

    old = {b["id"]: b for b in o["barriers"]}
    new = {b["id"]: b for b in n["barriers"]}
    return {"cleared": [brief(b) for k, b in old.items() if k not in new],
            "new": [brief(b) for k, b in new.items() if k not in old],
            "still": [brief(b) for k, b in new.items() if k in old]}


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
