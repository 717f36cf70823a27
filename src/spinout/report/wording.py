"""Phrases the Markdown and HTML renderers share."""

from __future__ import annotations

from spinout.report.model import FormItem, GroupInfo

SEVERITY_NAMES = {"blocker": "Blocker", "major": "Major", "minor": "Minor"}
REASON_NAMES = {"for": "For", "against": "Against", "excludes": "Ruled out"}
UNKNOWN_REASONS = {"dont_know": "answered “don't know”", "unanswered": "not answered",
                   "undetermined": "may apply, depending on other unanswered questions",
                   "unresolved": "not answered or “don't know”"}
EDITORIAL = "Editorial guidance: this goes beyond what the cited sources say."


def fit_text(f: FormItem) -> str:
    """How a legal form fits: its points, a group's ranking, or ruled out."""
    if f.excluded:
        return "ruled out"
    if f.fit is None:
        return "by the group's mean rank" if f.first is not None else "not ranked"
    return f"fit {f.fit:+g}"


def comments_note(g: GroupInfo) -> str | None:
    """Why a group report shows no free-text comments, when it shows none."""
    if g.comments_status == "group_too_small":
        return (f"Free-text comments are withheld: with fewer than {g.min_group_size} "
                "respondents they could identify who wrote them.")
    if g.comments_status == "not_requested":
        return "Free-text comments are not shown; add the --include-comments option to show them."
    return (f"Comments to a question are shown only when at least {g.min_group_size} "
            "respondents wrote one, unattributed and sorted.")
