"""What a personal access token may do. The session (a signed-in browser) may do all of it."""

from django.db import models


class Scope(models.TextChoices):
    READ = "read", "Read your bookings, applications, subscription and membership"
    BOOKINGS = "bookings", "Book and cancel places at events"
    APPLICATIONS = "applications", "Apply to Academy cohorts"
    BENCHMARKING = "benchmarking", "Read your organisations' benchmarking results"
    SUBSCRIPTIONS = "subscriptions", "Change or end your newsletter subscription"


# What each scope also allows: booking, applying or changing a subscription includes
# reading what was booked, sent or changed.
IMPLIES = {
    Scope.BOOKINGS: {Scope.READ},
    Scope.APPLICATIONS: {Scope.READ},
    Scope.SUBSCRIPTIONS: {Scope.READ},
}


def granted(scopes) -> set[str]:
    """The scopes a token's list amounts to, with what each implies."""
    result = set()
    for scope in scopes:
        if scope in Scope.values:
            result |= {scope, *IMPLIES.get(Scope(scope), ())}
    return result
