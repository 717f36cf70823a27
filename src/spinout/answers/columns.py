"""Which question each column of a survey export holds.

A column is matched, in this order, as the role or the respondent id; by a question id in
brackets anywhere in the header (``How many staff? [staff]``); by the question id itself, also
behind group prefixes (``people/staff``, ``people-staff``); by the question's text as the
platform shows it (ignoring numbering such as ``12.``, case, punctuation, curly quotes and
spacing); as a known metadata column (start and completion times, response ids, e-mail, IP
address, the platforms' own columns); or as one option of a multi-choice question, one column
per option (``helpers/legal``, ``Which kinds of help? - Legal advice``, or the option under
the question in a second header row). Matching is exact after that normalising: a column
whose header matches nothing is reported, never guessed.

Extra header rows are recognised: SurveyMonkey's second row (``Response``, option labels),
Qualtrics' second and third (question text, ``{"ImportId": …}``).
"""

from __future__ import annotations

from spinout.answers.matching import Lookup, normal, option, ticked
from spinout.errors import Problem
from spinout.qtypes import Shape
from spinout.record import Record, replace
from spinout.ruleset.model import Question, RuleSet
from spinout.values import AnswerValue

__all__ = ["ID", "IGNORED", "KNOWN", "META", "METADATA", "OPTION", "QUESTION", "ROLE",
           "ROLE_TEXTS", "STARTED", "UNMATCHED", "UPDATED", "Column", "Layout", "Lookup",
           "classify", "header_rows", "layout", "normal", "option", "ticked"]

QUESTION, OPTION, ROLE, ID, STARTED, UPDATED = "question", "option", "role", "id", "started", \
    "updated"
META, IGNORED, UNMATCHED = "metadata", "ignored", "unmatched"
ROLE_TEXTS = ("role", "your role", "what is your role")
# what a response id or time column not used was found to be, for --dry-run
SERVES_AS = {ID: "respondent id", STARTED: "started time", UPDATED: "updated time"}
# normalised header -> (kind, priority: the lowest wins when several columns could serve)
KNOWN: dict[str, tuple[str, int]] = {
    "respondent id": (ID, 0), "id": (ID, 1), "responseid": (ID, 2), "response id": (ID, 2),
    "uuid": (ID, 3), "meta instanceid": (ID, 3), "instanceid": (ID, 4), "key": (ID, 4),
    "userid": (ID, 5),
    "updated": (UPDATED, 0), "completion time": (UPDATED, 1), "end date": (UPDATED, 1),
    "enddate": (UPDATED, 1), "ended": (UPDATED, 1), "end": (UPDATED, 1),
    "timestamp": (UPDATED, 1), "submission time": (UPDATED, 2), "submissiondate": (UPDATED, 2),
    "recordeddate": (UPDATED, 3), "recorded date": (UPDATED, 3),
    "started": (STARTED, 0), "start time": (STARTED, 1), "start date": (STARTED, 1),
    "startdate": (STARTED, 1), "start": (STARTED, 1),
}
METADATA = frozenset(normal_key.strip() for normal_key in """
email, email address, e mail, name, first name, last name, ip address, ipaddress,
collector id, custom data, custom data 1, custom data 2, custom value, tracking link,
unique id, last modified time, status, response type, progress, duration in seconds,
duration, finished, recipientlastname, recipient last name, recipientfirstname,
recipient first name, recipientemail, recipient email, externalreference,
external data reference, external reference, locationlatitude, location latitude,
locationlongitude, location longitude, distributionchannel, distribution channel,
userlanguage, user language, q recaptchascore, q ballotboxstuffing, q relevantidduplicate,
q relevantidfraudscore, today, deviceid, username, simserial, subscriberid, phonenumber,
audit, validation status, notes, submitted by, version, tags, index, meta instancename,
meta deprecatedid, meta rootuuid, formhub uuid, submitterid, submittername,
attachmentspresent, attachmentsexpected, reviewstate, edits, formversion, total score,
score""".replace("\n", " ").split(","))
_RESPONSE_WORDS = frozenset({"response", "open ended response", "open-ended response"})


class Column(Record):
    """One column of the export: what it holds and how that was found (for ``--dry-run``)."""

    index: int  # 1-based
    header: str
    kind: str
    question: Question | None = None
    option: AnswerValue | None = None
    how: str = ""
    rank: int = 0  # among response ids or times, the lowest rank is used


def header_rows(records: list[tuple[int, tuple[str, ...]]], lookup: Lookup) -> int:
    """How many rows the header takes: 3 for Qualtrics, 2 where a second row names the
    response or the option under a question spanning several columns, else 1."""
    if len(records) >= 3 and any(c.strip().startswith('{"ImportId"') for c in records[2][1]):
        return 3
    if len(records) < 2:
        return 1
    top, below = records[0][1], records[1][1]
    if any(c.strip().casefold() in _RESPONSE_WORDS for c in below):
        return 2
    carried = ""
    for i, cell in enumerate(below):
        above = top[i].strip() if i < len(top) else ""
        carried = above or carried
        if not above and cell.strip() and carried:
            q = lookup.question(carried)[0]
            if q is not None and q.kind.shape(q) == Shape.MULTI and \
                    lookup.option(q, cell) is not None:
                return 2
    return 1


def classify(index: int, texts: list[str], lookup: Lookup, carried: bool = False) -> Column:
    """What the column headed by ``texts`` (one text per header row) holds. A ``carried``
    first text comes from the column to the left (a question spanning several columns) and
    serves only to name the option below it."""
    shown = " / ".join(t.strip() for t in texts if t.strip())
    if not shown:
        return Column(index, "", IGNORED, how="no header")
    if carried:
        plain = classify(index, texts, lookup)
        if plain.kind == OPTION:
            return plain
        return Column(index, shown, UNMATCHED)
    for n, text in enumerate(texts):
        if not text.strip():
            continue
        found = _one(index, text, lookup, shown)
        if found is None:
            continue
        q = found.question
        if found.kind == QUESTION and q is not None and q.kind.shape(q) == Shape.MULTI \
                and n + 1 < len(texts) and texts[n + 1].strip():
            option = lookup.option(q, texts[n + 1])
            if option is not None:
                return Column(index, shown, OPTION, q, option, "one column per option, the "
                              "option in the next header row")
        return found
    return Column(index, shown, UNMATCHED)


def _one(index: int, text: str, lookup: Lookup, shown: str) -> Column | None:
    key = normal(text)
    if text.strip() == "_id":  # KoboToolbox's row number in its database; _uuid serves
        return Column(index, shown, ID, rank=6)
    if key in ROLE_TEXTS:
        return Column(index, shown, ROLE)
    if key in KNOWN and KNOWN[key][0] == ID:
        return Column(index, shown, ID, rank=KNOWN[key][1])
    q, how = lookup.question(text)
    if q is not None:
        return Column(index, shown, QUESTION, q, how=how)
    if key in KNOWN:
        kind, rank = KNOWN[key]
        return Column(index, shown, kind, rank=rank)
    if key in METADATA:
        return Column(index, shown, META, how="metadata")
    split = lookup.split(text)
    if split is not None:
        return Column(index, shown, OPTION, split[0], split[1], split[2])
    return None


class Layout(Record):
    """Every column of an export, how many header rows it has, and what is wrong with it."""

    columns: tuple[Column, ...]
    header_rows: int
    problems: tuple[Problem, ...]

    def used(self, kind: str) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.kind == kind)


def layout(records: list[tuple[int, tuple[str, ...]]], name: str, rs: RuleSet,
           ignore_unmatched: bool = False) -> Layout:
    """Map every column of ``records`` (header rows first) to what it holds."""
    lookup = Lookup(rs)
    rows = header_rows(records, lookup)
    heads = [list(cells) for _, cells in records[:rows]]
    width = max(len(h) for h in heads)
    columns: list[Column] = []
    above = ""
    for i in range(width):
        texts = [h[i] if i < len(h) else "" for h in heads]
        carried = rows > 1 and not texts[0].strip() and bool(texts[1].strip()) and bool(above)
        if carried:
            texts[0] = above
        else:
            above = texts[0].strip()
        columns.append(classify(i + 1, texts, lookup, carried))
    at = (name, records[0][0])
    resolved, problems = _resolve(columns, records[rows:], at, ignore_unmatched, rs)
    return Layout(tuple(resolved), rows, tuple(problems))


def _resolve(columns: list[Column], data: list[tuple[int, tuple[str, ...]]],
             at: tuple[str, int], ignore_unmatched: bool, rs: RuleSet
             ) -> tuple[list[Column], list[Problem]]:
    """One column per response id, time, role, question and option; the rest ignored or
    reported."""
    best = {kind: min((c.rank for c in columns if c.kind == kind), default=0)
            for kind in (ID, STARTED, UPDATED)}
    seen: dict[object, int] = {}
    whole = {c.question.id: c.index for c in columns if c.kind == QUESTION and c.question}
    out: list[Column] = []
    problems: list[Problem] = []
    for c in columns:
        key = _key(c)
        if c.kind in best and (c.rank != best[c.kind] or key in seen):
            c = replace(c, kind=META, how=f"{SERVES_AS[c.kind]}, not used (another column "
                        "serves)")
        elif c.kind == OPTION and c.question is not None and c.question.id in whole:
            c = replace(c, kind=IGNORED, how=f"the same answers as column "
                        f"{whole[c.question.id]}")
        elif key is not None and key in seen:
            problems.append(Problem(*at, c.index, f"column `{c.header}` repeats column "
                                    f"{seen[key]}", "keep one column per question"))
            continue
        elif c.kind in (UNMATCHED, IGNORED):
            c = _unmatched(c, data, at, ignore_unmatched, rs, problems)
        if _key(c) is not None:
            seen.setdefault(_key(c), c.index)
        out.append(c)
    return out, problems


def _key(c: Column) -> object:
    if c.kind == QUESTION and c.question is not None:
        return c.question.id
    if c.kind == OPTION and c.question is not None:
        return (c.question.id, repr(c.option))
    return c.kind if c.kind in (ROLE, ID, STARTED, UPDATED) else None


def _unmatched(c: Column, data: list[tuple[int, tuple[str, ...]]], at: tuple[str, int],
               ignore: bool, rs: RuleSet, problems: list[Problem]) -> Column:
    holds = any(c.index <= len(cells) and cells[c.index - 1].strip() for _, cells in data)
    if not holds:
        return replace(c, kind=IGNORED, how="matches no question, and is empty" if c.header
                       else "no header, and empty")
    if ignore:
        return replace(c, kind=IGNORED, how="matches no question (--ignore-unmatched)")
    if not c.header:
        problems.append(Problem(*at, c.index, f"column {c.index} has no name but holds "
                                "answers", "name it with a question id, or delete it"))
    else:
        problems.append(Problem(*at, c.index, f"unknown column `{c.header}`",
                                _suggest(c.header, rs) + "; or pass --ignore-unmatched to "
                                "leave it out"))
    return c


def _suggest(header: str, rs: RuleSet) -> str:
    """The closest question id or text, only as a hint: never used to map the column."""
    import difflib

    from spinout.ruleset.checks import did_you_mean

    texts = {normal(q.text): q for q in rs.questions}
    close = difflib.get_close_matches(normal(header), list(texts), n=1, cutoff=0.75)
    if close:
        q = texts[close[0]]
        return (f"no question has this text; the closest is `{q.id}` (“{q.text}”): if the "
                f"wording changed, head the column `{q.id}`")
    return did_you_mean(header.strip(), ["role", "respondent_id", *(q.id for q in rs.questions)])
