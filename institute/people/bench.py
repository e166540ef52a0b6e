"""Benchmark contribution of the people app: the account pages, and two reads at scale."""

import time

# The sign-in and sign-up pages are never served from the page cache (each carries its own
# CSRF token), so these measure the uncached path.
PAGES = [("Sign-in page", "/accounts/login/"), ("Sign-up page", "/accounts/signup/")]


def _best_of(fn, repeat=5):
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - started)
    return min(timings) * 1000


def run(ctx):
    from .models import Consent, User
    from .selectors import personal_data_export, users_with_consent

    person = User.objects.filter(email__startswith="person", is_active=True).first()
    rows = []
    if person is not None:
        ctx.log("timing a member's personal-data download")
        rows.append(
            {
                "name": "personal-data download (one member, every registered room)",
                "value": round(_best_of(lambda: personal_data_export(user=person)), 1),
                "unit": "ms",
                "target": "≤ 200 ms",
                "note": "selectors.personal_data_export, best of 5",
            }
        )
    ctx.log("timing the newsletter audience query")
    audience = User.objects.count()
    rows.append(
        {
            "name": f"people with newsletter consent, of {audience:,}",
            "value": round(
                _best_of(
                    lambda: list(
                        users_with_consent(purpose=Consent.Purpose.NEWSLETTER).values("pk")
                    )
                ),
                1,
            ),
            "unit": "ms",
            "target": "≤ 100 ms",
            "note": "selectors.users_with_consent: latest decision per person, one query",
        }
    )
    return rows
