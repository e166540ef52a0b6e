"""The Leadership Academy's benchmark pages: the index, programmes and a cohort, a certificate
check, and the members-only alumni directory (signed in as a demo member; ``PAGES`` entries
with a third item name the function here that gives the user).

Mentoring and coaching: ``run(ctx)`` matches the large round (2,000 mentees, 600 mentors
with capacity 1–3, seeded by ``--scale large``), reports the time of ``matching.match``
(best of three) and of reading the round from the database, and the ratio of its total fit
to the optimum found independently by HiGHS's dual simplex (``matching_reference``), which
must be 1.0.
"""

import time

PAGES = [
    ("Academy index", "/academy/"),
    ("Academy programme", "/academy/top-talent/"),
    ("Academy cohort", "/academy/top-talent/2023-london/"),
    ("Academy programme, workshop", "/academy/edi-workshops/"),
    ("Alumni directory, filtered (member)", "/academy/alumni/?year=2023&region=london", "member"),
]


def member():
    """A demo member (any: the directory is the same for every member)."""
    from institute.people.models import User

    return User.objects.filter(email__endswith="@demo.institute.example").order_by("pk").first()


# --- Mentoring and coaching ----------------------------------------------------------------


def _best_of(fn, repeat=3):
    best, value = None, None
    for _ in range(repeat):
        started = time.perf_counter()
        value = fn()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best, value


def mentoring_run(ctx):
    from . import matching, mentoring_services
    from .matching_reference import optimum_total
    from .mentoring_demo import LARGE_ROUND
    from .models import Round

    large = Round.objects.filter(slug=LARGE_ROUND).first()
    if large is None:
        ctx.log("academy: no large mentoring round in the bench database")
        return []
    ctx.log("academy: matching the large mentoring round")
    read, instance = _best_of(lambda: mentoring_services.round_instance(round=large), repeat=1)
    seconds, result = _best_of(lambda: matching.match(**instance))
    size = f"{len(instance['mentees']):,} mentees, {len(instance['mentors']):,} mentors"
    ctx.log("academy: the independent optimum (HiGHS)")
    started = time.perf_counter()
    optimum = optimum_total(**instance)
    reference = time.perf_counter() - started
    return [
        {
            "name": f"mentoring matching ({size})",
            "value": round(seconds, 3),
            "unit": "s",
            "target": "< 2 s",
            "note": f"matching.match, best of 3; {len(result.pairs):,} pairs, "
            f"{len(result.unmatched_mentees):,} unmatched",
        },
        {
            "name": "mentoring: reading the round",
            "value": round(read, 3),
            "unit": "s",
            "target": "",
            "note": "mentoring_services.round_instance",
        },
        {
            "name": "mentoring: total fit / independent optimum",
            "value": round(result.total / optimum if optimum else 1.0, 6),
            "unit": "ratio",
            "target": "= 1.0",
            "note": f"total fit {result.total:,}; HiGHS dual simplex {optimum:,} "
            f"in {reference:.1f} s",
        },
    ]


def run(ctx):
    rows = []
    rows += mentoring_run(ctx)
    return rows
