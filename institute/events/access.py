from institute.core.access import MEMBER, STAFF, Rule

RULES = {
    "events:my_bookings": Rule(MEMBER),
    "events:book": Rule(MEMBER, kwargs=lambda: {"occurrence_id": _sample_occurrence().pk}),
    "events:cancel": Rule(MEMBER, kwargs=lambda: {"occurrence_id": _sample_occurrence().pk}),
    "events:attendees": Rule(STAFF, kwargs=lambda: {"occurrence_id": _sample_occurrence().pk}),
    "events:attendees_csv": Rule(STAFF, kwargs=lambda: {"occurrence_id": _sample_occurrence().pk}),
}


def _sample_occurrence():
    from .demo_helpers import sample_occurrence

    return sample_occurrence()
