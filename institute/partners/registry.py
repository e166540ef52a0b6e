"""What the partners room contributes to the roof and the calendar: a topic-page section, a
search source, its models as content for the page cache, and the places reserved for
partners (the calendar's reservation source, ``events/reservations.py``).

It holds no personal data of its own: partner contacts are people with a role at an
organisation (``people.OrganisationRole``), exported and erased by the people app."""

from django.urls import reverse

from institute.core import search
from institute.core.cache import content_models
from institute.core.selectors import Item
from institute.core.topics import TopicSection, register
from institute.events import reservations


def _topic_items(*, topic, limit=6):
    from .selectors import partners_for_topic

    return [
        Item(
            title=partner.name,
            url=partner.get_absolute_url(),
            summary=partner.description[:200],
            meta=f"{partner.get_level_display()} partner",
        )
        for partner in partners_for_topic(topic=topic, limit=limit)
    ]


def _topic_more(*, topic):
    return reverse("partners:index")


def _searchable():
    from .selectors import partners_current

    return partners_current().select_related("organisation")


def _reserved(*, item_ids):
    from .selectors import partner_allocations_reserved

    return partner_allocations_reserved(item_ids=item_ids)


def register_with_roof():
    from .models import Partner, PartnerAllocation

    register(
        TopicSection(
            key="partners",
            title="Partners",
            order=80,
            items=_topic_items,
            more_url=_topic_more,
        )
    )
    search.register(
        search.SearchSource(
            key="partners",
            label="Partner",
            queryset=_searchable,
            to_item=lambda partner: Item(
                title=partner.name,
                url=partner.get_absolute_url(),
                summary=partner.description[:200],
            ),
        )
    )
    content_models(Partner, PartnerAllocation)
    reservations.register("partners", _reserved)
