"""Flesch reading ease of short English texts, with a rule-of-thumb syllable counter.

Reading ease is ``206.835 - 1.015 * words/sentences - 84.6 * syllables/words``: about 60-70 is
plain English, 80 and above is easy (GOV.UK aims for a reading age of about nine). The syllable
counter follows the usual rules of thumb (vowel groups, a silent final "e", "-le", "-ed" and
"-es" endings); it is close enough to rank and screen texts, not to grade a single word.
"""

from __future__ import annotations

import re
from typing import Any

from spinout.record import Record

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=[\s\"'”’)]|$)")
_VOWELS = re.compile(r"[aeiouy]+")
# Words whose final "e" is sounded, or whose endings fool the rules below.
_EXCEPTIONS = {
    "the": 1, "be": 1, "he": 1, "me": 1, "she": 1, "we": 1, "people": 2, "maybe": 2,
    "business": 2, "area": 3, "areas": 3, "idea": 3, "ideas": 3, "create": 2, "created": 3,
    "being": 2, "going": 2, "doing": 2, "mutual": 3, "mutuals": 3, "actually": 4,
    "usually": 4, "science": 2, "via": 2, "whole": 1, "some": 1, "come": 1, "done": 1,
    "one": 1, "once": 1, "gone": 1, "none": 1, "where": 1, "there": 1, "here": 1, "were": 1,
    "more": 1, "before": 2, "sure": 1, "move": 1, "lose": 1, "whose": 1, "give": 1,
    "have": 1, "live": 1, "into": 2, "also": 2, "radio": 3, "video": 3, "period": 3,
}


class Ease(Record):
    score: float
    words: int
    sentences: int
    syllables: int


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def syllables(word: str) -> int:
    """Syllables in one word (a number counts one per digit, at most three)."""
    if word[:1].isdigit():
        return min(sum(ch.isdigit() for ch in word), 3)
    if word.isupper() and len(word) > 1 and (len(word) <= 3 or not _VOWELS.search(word.lower())):
        return min(len(word), 4)  # an abbreviation read letter by letter, such as NHS
    w = word.lower().replace("’", "'").split("'")[0]
    if w in _EXCEPTIONS:
        return _EXCEPTIONS[w]
    if len(w) <= 3:
        return 1
    count = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if w.endswith(("ed", "es")) and count > 1 and w[-3] not in "aeiou" and not w.endswith(
            ("ted", "ded", "ses", "zes", "ces", "ges", "xes", "shes", "ches")):
        count -= 1
    return max(1, count)


def sentences(text: str) -> int:
    """Sentences: runs of text ending in . ! or ? (a text without one counts as one)."""
    parts = [p for p in _SENTENCE_END.split(text) if words(p)]
    return max(1, len(parts))


def reading_ease(text: str) -> Ease:
    found = words(text)
    if not found:
        return Ease(100.0, 0, 0, 0)
    n_sent = sentences(text)
    n_syll = sum(syllables(w) for w in found)
    score = 206.835 - 1.015 * len(found) / n_sent - 84.6 * n_syll / len(found)
    return Ease(round(score, 1), len(found), n_sent, n_syll)


def rule_texts(rs: Any) -> dict[str, list[tuple[str, str]]]:
    """The texts a respondent reads, by kind: (item id, text) pairs."""
    questions = rs.questions_in_order()
    return {
        "question texts": [(q.id, q.text) for q in questions],
        "help texts": [(q.id, q.help) for q in questions],
        "option labels": [(f"{q.id}.{o.value}", o.label) for q in questions for o in q.options],
        "section intros": [(s.id, s.intro) for s in rs.sections if s.intro],
    }
