import datetime as dt

import pytest
from django.utils import timezone
from django.utils.text import slugify

from tests.factories.events import add_item, ensure_calendar


@pytest.fixture
def calendar(home):
    return ensure_calendar(home)


@pytest.fixture
def make_item(calendar):
    """A published calendar item a week from now (one occurrence)."""
    counter = iter(range(1, 100_000))

    def make(title=None, **fields):
        n = next(counter)
        start = timezone.now().replace(microsecond=0, second=0) + dt.timedelta(days=7)
        title = title or f"Event {n}"
        fields.setdefault("end", start + dt.timedelta(hours=2))
        fields.setdefault("slug", f"event-{n}-{slugify(title)}"[:80])
        return add_item(calendar, title=title, start=start, **fields)

    return make
