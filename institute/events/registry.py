"""What the calendar contributes to the roof: a topic-page section, personal data and the
models whose writes are content for the page cache."""

from django.utils import timezone

from institute.core.cache import content_models
from institute.core.querystrings import canonical_query
from institute.core.selectors import Item
from institute.core.topics import TopicSection, register
from institute.people.privacy import PersonalData, published_credits
from institute.people.privacy import register as register_personal_data

from .filters import QUERY_ORDER


def _topic_items(*, topic, limit=6):
    from .selectors import upcoming_for_topic

    items = []
    for occurrence in upcoming_for_topic(topic=topic, limit=limit):
        start = timezone.localtime(occurrence.start)
        items.append(
            Item(
                title=occurrence.item.title,
                url=occurrence.item.url,
                summary=occurrence.item.summary,
                meta=f"{start:%-d %B %Y, %H:%M} · {occurrence.item.get_kind_display()}",
            )
        )
    return items


def _topic_more(*, topic):
    from .selectors import calendar_page

    calendar = calendar_page()
    if calendar is None:
        return None
    return calendar.url + canonical_query({"topic": topic.slug}, order=QUERY_ORDER)


def _export(user):
    from .models import Booking

    bookings = Booking.objects.filter(user=user).select_related("occurrence__item")
    return [
        {
            "item": b.occurrence.item.title,
            "start": b.occurrence.start.isoformat(),
            "status": b.status,
            "allocation": b.allocation,
            "attended": b.attended,
            "booked_at": b.created_at.isoformat(),
        }
        for b in bookings
    ]


def _erase(user):
    from .services import bookings_erase

    bookings_erase(user=user)


def _speaking(user):
    from .models import Speaker

    rows = Speaker.objects.filter(item__live=True).select_related("item")
    return published_credits(user, rows, where=lambda s: s.item.title)


def register_with_roof():
    from .models import Occurrence

    # An item's dates, as the calendar lists them (written when the item is published).
    content_models(Occurrence)
    register(
        TopicSection(
            key="events",
            title="Upcoming events, training and webinars",
            order=10,
            items=_topic_items,
            more_url=_topic_more,
        )
    )
    register_personal_data(
        PersonalData(key="bookings", title="Calendar bookings", export=_export, erase=_erase)
    )
    register_personal_data(
        PersonalData(key="events.speakers", title="Speaker credits", export=_speaking, erase=None)
    )
