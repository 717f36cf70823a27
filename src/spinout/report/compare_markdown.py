"""The comparison of two assessments (:func:`spinout.report.compare.comparison`) as Markdown."""

from __future__ import annotations

from typing import Any

from spinout.report import sentences as say
from spinout.report.text import MD, md_escape, percent


def to_markdown(c: dict[str, Any]) -> str:
    lines = ["# What moved", "", *_about(c), "", "## Overall", "", *_overall(c), "",
             "## Dimensions", ""]
    for d in c["dimensions"]:
        lines.append(f"- {md_escape(d['name'])}: {_change(d)}")
    lines += ["", "## Barriers", ""]
    for key, title in (("cleared", "Cleared"), ("new", "New"), ("still", "Still open")):
        items = c["barriers"][key]
        lines.append(f"- {title}: " + ("none" if not items else "; ".join(
            f"{md_escape(b['title'])} ({md_escape(b['severity'])})" for b in items)))
    return "\n".join(lines).rstrip("\n") + "\n"


def _about(c: dict[str, Any]) -> list[str]:
    r = c["rules"]
    lines = ["Rule set: " + say.compared_rules(r["name"], r["old_version"], r["new_version"],
                                               r["old_digest"] != r["new_digest"], MD), ""]
    for key, word in (("old", "Earlier"), ("new", "Later")):
        s = c[key]
        lines.append(f"- {word}: {say.compared_side(s['source'], s['date'], s['respondents'], MD)}")
    return lines


def _overall(c: dict[str, Any]) -> list[str]:
    band, stage, conf = c["band"], c["stage"], c["confidence"]
    conf_text = (f"{percent(conf['old'])} → {percent(conf['new'])}"
                 if conf["old"] is not None and conf["new"] is not None else "–")
    return [f"- Overall readiness: {_change(c['overall'])}",
            f"- Band: {_name(band['old'])} → {_name(band['new'])} "
            f"({say.CHANGE_WORDS[band['direction']]})",
            f"- Stage: {_name(stage['old'])} → {_name(stage['new'])} "
            f"({say.PROGRESS_WORDS[stage['progress']]})",
            f"- Confidence: {conf_text}"]


def _name(part: dict[str, Any] | None) -> str:
    return say.compared_part(None if part is None else part["name"], MD)


def _change(d: dict[str, Any]) -> str:
    return say.score_change(d["old"], d["new"], d["change"], d["direction"])
