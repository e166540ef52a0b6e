"""Who may open each of the year in review's URLs (the authorisation walk reads ``RULES``).

The review pages themselves (/review/, /review/<year>/ and its print/ and pdf/ routes) are
public Wagtail pages, walked by the fuzz test's small society; the one named URL is the
staff screen that freezes a year."""

from institute.core.access import STAFF, Rule


def _review():
    from .demo import ensure_index
    from .models import ReviewPage

    index = ensure_index()
    page = ReviewPage.objects.filter(year=2001).first()
    if page is None:
        page = index.add_child(
            instance=ReviewPage(title="Sample review", slug="2001", year=2001, body=[])
        )
    return {"page_id": page.pk}


RULES = {
    # Staff under the Wagtail admin: its door sends anyone else to the sign-in page.
    "review_admin:freeze": Rule(STAFF, kwargs=_review),
}
