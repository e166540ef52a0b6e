"""Publishing an item (now, or later by Wagtail's scheduler) refreshes its occurrences.

Wagtail writes a page's fields to its row only when a revision is published, so
``page_published`` is the one moment the dates an editor set become real.
"""

from wagtail.signals import page_published


def _item_published(sender, instance, **kwargs):
    from .services import occurrences_sync

    occurrences_sync(item=instance)


def connect():
    from .models import CalendarItemPage

    page_published.connect(
        _item_published, sender=CalendarItemPage, dispatch_uid="events-occurrences-sync"
    )
