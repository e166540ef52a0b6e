"""The mentoring scheme's matching: the pairing with the greatest total fit under hard rules.

Pure computation, no database: ``match(mentors=, mentees=, locked=, not_with=)`` takes plain
``Person`` records and returns a ``Matching``. The hard rules are never broken: a mentor and
mentee from the same organisation are never paired, nobody who is not available is paired, a
mentor takes no more mentees than their capacity (1–3), and a "not with" request (either
way round) is never paired. Locked pairs are kept as they are and use their mentor's
capacity; the rest is matched around them.

The optimum comes from a proven solver: ``scipy.optimize.linear_sum_assignment`` on the
capacity-expanded matrix — one column per free place of each mentor, and one "unmatched"
column per mentee at fit 0 — so a forbidden pair (cost ``inf``) is never needed and never
chosen. Every allowed pair's fit is positive, so leaving a mentee unmatched is chosen only
when their mentors' places fit others better. Mentors and mentees are sorted by id first,
so the same round always gives the same pairs, whatever order they were read in.

The fit of a pair is the sum of its parts (``PARTS``), each a whole number, computed for
every pair at once with NumPy; the explanation of a pair reads the same arrays.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

IN_PERSON, VIRTUAL, EITHER = "in-person", "virtual", "either"

# The parts of a pair's fit, in the order they are shown.
BASE = "base"
TOPICS = "topics"
SENIORITY = "seniority"
REGION = "region"
FORMAT = "format"
PARTS = (BASE, TOPICS, SENIORITY, REGION, FORMAT)
PART_LABELS = {
    BASE: "Allowed pair",
    TOPICS: "Shared topics",
    SENIORITY: "Seniority gap",
    REGION: "Same region",
    FORMAT: "Meeting format",
}

# Points per part (whole numbers, so totals compare exactly).
BASE_POINTS = 1
POINTS_PER_TOPIC = 3
MAX_TOPIC_POINTS = 9
REGION_POINTS = 2
# By how many levels the mentor is more senior than the mentee.
SENIORITY_POINTS = {1: 3, 2: 4, 3: 2}
SENIORITY_FAR_POINTS = 1  # four or more levels
# Formats: both in person (needs the same region to be real), virtual, or either.
FORMAT_POINTS_SAME = 2
FORMAT_POINTS_EITHER = 1

# Why someone was not matched.
NOT_AVAILABLE = "not available this round"
NO_MENTOR_WITH_CAPACITY = "no mentor with a free place"
SAME_ORGANISATION = "every mentor with a free place is from the same organisation"
NOT_WITH = "every other mentor with a free place was excluded by a “not with” request"
NO_ALLOWED_MENTOR = "no mentor with a free place could be paired under the rules"
PLACES_FILLED = "every mentor they could be paired with was full (others fitted better)"
MENTOR_NO_MENTEE = "no mentee left whom they could be paired with"


@dataclass(frozen=True)
class Person:
    """A mentor's or mentee's registration, as matching sees it."""

    id: int
    organisation: int | None
    topics: frozenset = frozenset()
    seniority: int = 1  # 1 (new to the profession) … 6 (director)
    region: str = ""
    format: str = EITHER
    available: bool = True
    capacity: int = 1  # mentors only: 1–3


@dataclass(frozen=True)
class Pair:
    mentor: int
    mentee: int
    score: int
    parts: dict  # part -> points; the points add up to ``score``
    locked: bool = False


@dataclass
class Matching:
    pairs: list = field(default_factory=list)
    # (mentee id, reason), mentees first ordered by id
    unmatched_mentees: list = field(default_factory=list)
    unmatched_mentors: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(p.score for p in self.pairs)


def _format_points(a, b):
    """Points for two preferred formats (codes 0 in person, 1 virtual, 2 either)."""
    table = np.array(
        [
            [FORMAT_POINTS_SAME, 0, FORMAT_POINTS_EITHER],
            [0, FORMAT_POINTS_SAME, FORMAT_POINTS_EITHER],
            [FORMAT_POINTS_EITHER, FORMAT_POINTS_EITHER, FORMAT_POINTS_EITHER],
        ],
        dtype=np.int64,
    )
    return table[a[:, None], b[None, :]]


_FORMAT_CODES = {IN_PERSON: 0, VIRTUAL: 1, EITHER: 2}


def _seniority_points(gap):
    points = np.zeros_like(gap)
    for levels, value in SENIORITY_POINTS.items():
        points[gap == levels] = value
    points[gap >= max(SENIORITY_POINTS) + 1] = SENIORITY_FAR_POINTS
    return points


def _codes(values):
    """Whole-number codes for hashable values: equal values equal codes, ``None`` is 0."""
    seen = {None: 0}
    return np.array([seen.setdefault(v, len(seen)) for v in values], dtype=np.int64)


def score_parts(mentors, mentees):
    """Each part of the fit of every (mentee, mentor) pair: part -> array (mentees × mentors)."""
    shape = (len(mentees), len(mentors))
    if not mentees or not mentors:
        return {part: np.zeros(shape, dtype=np.int64) for part in PARTS}
    topics = sorted({t for p in (*mentors, *mentees) for t in p.topics}, key=str)
    index = {t: i for i, t in enumerate(topics)}

    def topic_matrix(people):
        matrix = np.zeros((len(people), max(len(topics), 1)), dtype=np.int64)
        for row, person in enumerate(people):
            for topic in person.topics:
                matrix[row, index[topic]] = 1
        return matrix

    shared = topic_matrix(mentees) @ topic_matrix(mentors).T
    gap = (
        np.array([m.seniority for m in mentors], dtype=np.int64)[None, :]
        - np.array([m.seniority for m in mentees], dtype=np.int64)[:, None]
    )
    regions = _codes([p.region or None for p in (*mentees, *mentors)])
    mentee_regions, mentor_regions = regions[: len(mentees)], regions[len(mentees) :]
    same_region = (mentee_regions[:, None] == mentor_regions[None, :]) & (
        mentee_regions[:, None] != 0
    )
    formats_a = np.array([_FORMAT_CODES[p.format] for p in mentees], dtype=np.int64)
    formats_b = np.array([_FORMAT_CODES[p.format] for p in mentors], dtype=np.int64)
    return {
        BASE: np.full(shape, BASE_POINTS, dtype=np.int64),
        TOPICS: np.minimum(shared * POINTS_PER_TOPIC, MAX_TOPIC_POINTS),
        SENIORITY: _seniority_points(gap),
        REGION: same_region.astype(np.int64) * REGION_POINTS,
        FORMAT: _format_points(formats_a, formats_b),
    }


def allowed(mentors, mentees, not_with=frozenset()):
    """Which (mentee, mentor) pairs the hard rules allow (ignoring capacity): a bool array."""
    shape = (len(mentees), len(mentors))
    if not mentees or not mentors:
        return np.zeros(shape, dtype=bool)
    orgs = _codes([p.organisation for p in (*mentees, *mentors)])
    mentee_orgs, mentor_orgs = orgs[: len(mentees)], orgs[len(mentees) :]
    same_org = (mentee_orgs[:, None] == mentor_orgs[None, :]) & (mentee_orgs[:, None] != 0)
    ok = ~same_org
    ok &= np.array([p.available for p in mentees])[:, None]
    ok &= np.array([p.available for p in mentors])[None, :]
    if not_with:
        row = {p.id: i for i, p in enumerate(mentees)}
        col = {p.id: j for j, p in enumerate(mentors)}
        for a, b in not_with:
            for mentee, mentor in ((a, b), (b, a)):
                if mentee in row and mentor in col:
                    ok[row[mentee], col[mentor]] = False
    return ok


def _normalise_not_with(not_with):
    return frozenset((a, b) for a, b in not_with or ())


def _pair(mentor, mentee, parts, i, j, locked=False):
    points = {part: int(parts[part][i, j]) for part in PARTS}
    return Pair(mentor.id, mentee.id, sum(points.values()), points, locked)


def match(*, mentors, mentees, locked=(), not_with=()) -> Matching:
    """The pairing with the greatest total fit; ``locked`` is a list of (mentor id, mentee id)."""
    mentors = sorted(mentors, key=lambda p: p.id)
    mentees = sorted(mentees, key=lambda p: p.id)
    not_with = _normalise_not_with(not_with)
    parts = score_parts(mentors, mentees)
    ok = allowed(mentors, mentees, not_with)
    col_of = {p.id: j for j, p in enumerate(mentors)}
    row_of = {p.id: i for i, p in enumerate(mentees)}

    result = Matching()
    places = np.array([max(0, min(3, p.capacity)) for p in mentors], dtype=np.int64)
    locked_mentees = set()
    for mentor_id, mentee_id in sorted(locked):
        i, j = row_of.get(mentee_id), col_of.get(mentor_id)
        if i is None or j is None or mentee_id in locked_mentees:
            continue
        locked_mentees.add(mentee_id)
        places[j] -= 1
        result.pairs.append(_pair(mentors[j], mentees[i], parts, i, j, locked=True))
    places = np.maximum(places, 0)

    rows = [i for i, p in enumerate(mentees) if p.id not in locked_mentees]
    slot_mentor = np.repeat(np.arange(len(mentors)), places)
    chosen = {}
    if rows and len(slot_mentor):
        fit = sum(parts[part] for part in PARTS)[np.ix_(rows, slot_mentor)].astype(float)
        fit[~ok[np.ix_(rows, slot_mentor)]] = -np.inf
        # cost = -fit (forbidden: inf); the smaller side are the rows, and each row gets an
        # "unmatched" column of its own at cost 0, so every row can always be assigned.
        if len(rows) <= len(slot_mentor):
            cost = np.hstack([-fit, np.zeros((len(rows), len(rows)))])
            for r, c in zip(*linear_sum_assignment(cost), strict=True):
                if c < len(slot_mentor):
                    chosen[rows[r]] = int(slot_mentor[c])
        else:
            cost = np.hstack([-fit.T, np.zeros((len(slot_mentor), len(slot_mentor)))])
            for c, r in zip(*linear_sum_assignment(cost), strict=True):
                if r < len(rows):
                    chosen[rows[r]] = int(slot_mentor[c])
    for i in sorted(chosen, key=lambda i: (mentors[chosen[i]].id, mentees[i].id)):
        result.pairs.append(_pair(mentors[chosen[i]], mentees[i], parts, i, chosen[i]))
    result.pairs.sort(key=lambda p: (p.mentor, p.mentee))

    taken = np.zeros(len(mentors), dtype=np.int64)
    for p in result.pairs:
        taken[col_of[p.mentor]] += 1
    matched = {p.mentee for p in result.pairs}
    for i, mentee in enumerate(mentees):
        if mentee.id not in matched:
            result.unmatched_mentees.append(
                (mentee.id, _why_mentee(i, mentee, mentors, ok, places, not_with))
            )
    for j, mentor in enumerate(mentors):
        if taken[j] == 0:
            reason = NOT_AVAILABLE if not mentor.available else MENTOR_NO_MENTEE
            result.unmatched_mentors.append((mentor.id, reason))
    return result


def _why_mentee(i, mentee, mentors, ok, places, not_with):
    if not mentee.available:
        return NOT_AVAILABLE
    open_ = [j for j, m in enumerate(mentors) if m.available and places[j] > 0]
    if not open_:
        return NO_MENTOR_WITH_CAPACITY
    if any(ok[i, j] for j in open_):
        return PLACES_FILLED
    if mentee.organisation is not None and all(
        mentors[j].organisation == mentee.organisation for j in open_
    ):
        return SAME_ORGANISATION
    excluded = {b for a, b in not_with if a == mentee.id} | {
        a for a, b in not_with if b == mentee.id
    }
    if all(
        mentors[j].id in excluded
        or (mentee.organisation is not None and mentors[j].organisation == mentee.organisation)
        for j in open_
    ):
        return NOT_WITH
    return NO_ALLOWED_MENTOR
