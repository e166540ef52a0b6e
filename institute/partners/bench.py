"""The partners' benchmark pages: the listing by level, a strategic partner's profile (its
sponsored events, programmes and cohorts) and the same profile for a member (with contacts).
Partners do not grow with ``--scale``: the society has some fifty; the profile's sponsored
lists come from the calendar and the academy, which do."""

PAGES = [
    ("Partners", "/partners/"),
    ("Partner profile", "/partners/microsoft/"),
    ("Partner profile (member)", "/partners/microsoft/", "member"),
]


def member():
    """A demo member (any: the contacts are the same for every member)."""
    from institute.people.models import User

    return User.objects.filter(email__endswith="@demo.institute.example").order_by("pk").first()
