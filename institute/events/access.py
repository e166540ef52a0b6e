from institute.core.access import ANONYMOUS, MEMBER, STAFF, Rule

RULES = {
    "events:my_bookings": Rule(MEMBER),
    "events:book": Rule(MEMBER, kwargs=lambda: {"occurrence_id": _sample_occurrence().pk}),
    "events:cancel": Rule(MEMBER, kwargs=lambda: {"occurrence_id": _sample_occurrence().pk}),
    "events:attendees": Rule(STAFF, kwargs=lambda: {"occurrence_id": _sample_occurrence().pk}),
    "events:attendees_csv": Rule(STAFF, kwargs=lambda: {"occurrence_id": _sample_occurrence().pk}),
    "events:feed": Rule(ANONYMOUS, kwargs=lambda: {"path": _sample_path(calendar=True)}),
    "events:item_calendar": Rule(ANONYMOUS, kwargs=lambda: {"path": _sample_path()}),
}


def _sample_path(calendar=False):
    occurrence = _sample_occurrence()
    page = occurrence.item.get_parent() if calendar else occurrence.item
    return page.url_path.split("/", 2)[2]  # drop the site root's own segment


def _sample_occurrence():
    from .demo_helpers import sample_occurrence

    return sample_occurrence()
