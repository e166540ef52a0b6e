"""The Leadership Academy's benchmark pages: the index, programmes and a cohort, a certificate
check, and the members-only alumni directory (signed in as a demo member; ``PAGES`` entries
with a third item name the function here that gives the user)."""

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
