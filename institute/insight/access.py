"""Who may open each place insight URL (walked by tests/test_authorisation.py).

Everything is public: the index, scorecards, comparisons and their downloads. A framework
version that is not published, and its scores, are shown to staff only (asking for it is a
404 for anyone else: ``tests/test_views.py``). The import screen is a staff page in the
Wagtail admin.
"""

from institute.core.access import ANONYMOUS, STAFF, Rule


def sample():
    """Six places, a published framework version and scores for two years."""
    from .models import ScoreRun

    run = ScoreRun.objects.filter(version__published=True).first()
    if run is None:
        from .samples import scored_society

        scored_society()
    return {"code": "E06000001"}


def _code_fmt():
    return {**sample(), "fmt": "csv"}


def _fmt():
    sample()
    return {"fmt": "xlsx"}


RULES = {
    "insight:index": Rule(ANONYMOUS, kwargs=lambda: (sample(), {})[1]),
    "insight:index_export": Rule(ANONYMOUS, kwargs=_fmt),
    "insight:compare": Rule(
        ANONYMOUS, kwargs=lambda: (sample(), {})[1], query="p1=E06000001&p2=E06000002"
    ),
    "insight:compare_export": Rule(ANONYMOUS, kwargs=_fmt, query="p1=E06000001&p2=E06000002"),
    "insight:scorecard": Rule(ANONYMOUS, kwargs=sample),
    "insight:scorecard_export": Rule(ANONYMOUS, kwargs=_code_fmt),
    # Staff pages under the Wagtail admin: its door sends anyone else to the sign-in page.
    "insight_admin:imports": Rule(STAFF),
}
