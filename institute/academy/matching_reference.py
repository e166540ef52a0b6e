"""An independent optimum for the mentoring matching, to check ``matching.match`` against.

The same instance as a linear programme solved by HiGHS's dual simplex
(``scipy.optimize.linprog``): one variable in [0, 1] per allowed (mentee, mentor) pair,
each mentee in at most one pair, each mentor in at most their free places, maximum total
fit. No assignment matrix, no "unmatched"
columns: a different formulation and a different solver. Used by the tests and ``bench.py``.
"""

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array, vstack

from .matching import PARTS, allowed, score_parts


def optimum_total(*, mentors, mentees, locked=(), not_with=()) -> int:
    """The greatest total fit any pairing under the hard rules can reach (locked pairs kept)."""
    mentors = sorted(mentors, key=lambda p: p.id)
    mentees = sorted(mentees, key=lambda p: p.id)
    parts = score_parts(mentors, mentees)
    fit = sum(parts[part] for part in PARTS) if mentees and mentors else None
    ok = allowed(mentors, mentees, frozenset(not_with))
    row = {p.id: i for i, p in enumerate(mentees)}
    col = {p.id: j for j, p in enumerate(mentors)}
    places = np.array([max(0, min(3, p.capacity)) for p in mentors], dtype=np.int64)
    total = 0
    fixed = set()
    for mentor_id, mentee_id in sorted(locked):
        if mentee_id in row and mentor_id in col and mentee_id not in fixed:
            fixed.add(mentee_id)
            places[col[mentor_id]] -= 1
            total += int(fit[row[mentee_id], col[mentor_id]])
    places = np.maximum(places, 0)
    if fit is None:
        return total
    for mentee_id in fixed:
        ok[row[mentee_id], :] = False
    ok[:, places == 0] = False
    rows, cols = np.nonzero(ok)
    if not len(rows):
        return total
    n = len(rows)
    data = np.ones(n)
    by_mentee = csr_array((data, (rows, np.arange(n))), shape=(len(mentees), n))
    by_mentor = csr_array((data, (cols, np.arange(n))), shape=(len(mentors), n))
    # A bipartite b-matching: its constraint matrix is totally unimodular, so the linear
    # programme's optimum is whole (the simplex method ends on a vertex).
    result = linprog(
        c=-fit[rows, cols].astype(float),
        A_ub=vstack([by_mentee, by_mentor]),
        b_ub=np.concatenate([np.ones(len(mentees)), places.astype(float)]),
        bounds=(0, 1),
        method="highs-ds",
    )
    if not result.success:
        raise RuntimeError(result.message)
    return total + int(round(-result.fun))
