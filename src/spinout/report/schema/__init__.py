"""The JSON Schema of JSON reports, shipped beside this module."""

from __future__ import annotations

from importlib import resources

SCHEMA_FILE = "report.schema.json"


def schema_text() -> str:
    return resources.files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def schema() -> dict:
    import json

    return json.loads(schema_text())
