import datetime as dt

import pytest
from django.utils import timezone
from django.utils.text import slugify

from institute.core.models import Topic
from institute.people.models import Organisation, OrganisationRole
from tests.factories.events import add_item, ensure_calendar
from tests.factories.people import UserFactory


@pytest.fixture
def calendar(home):
    return ensure_calendar(home)


@pytest.fixture
def make_item(calendar):
    """Build a published item; times are given in days and hours from now (UTC)."""
    counter = iter(range(1, 100_000))

    def make(title=None, *, days=7, hours=2, topics=(), **fields):
        n = next(counter)
        start = fields.pop("start", None) or (
            timezone.now().replace(microsecond=0, second=0) + dt.timedelta(days=days)
        )
        fields.setdefault("end", start + dt.timedelta(hours=hours))
        title = title or f"Item {n}"
        fields.setdefault("slug", f"item-{n}-{slugify(title)}"[:80])
        return add_item(calendar, title=title, start=start, topics=topics, **fields)

    return make


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def make_member(db):
    return UserFactory


@pytest.fixture
def partner_contact(db):
    partner = Organisation.objects.create(
        name="Partner Ltd", slug="partner-ltd", type=Organisation.Type.PARTNER
    )

    def make():
        user = UserFactory(organisation=partner)
        OrganisationRole.objects.create(
            user=user, organisation=partner, role=OrganisationRole.Role.PARTNER_CONTACT
        )
        return user

    return make


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def topic(db):
    return Topic.objects.get_or_create(slug="cyber", defaults={"name": "Cyber security"})[0]
