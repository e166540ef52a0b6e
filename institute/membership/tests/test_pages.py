"""The membership page, joining, my membership and renewing, through the views; the rooms
that ask ``member_can`` (alumni directory) answering by the status; personal data."""

import datetime

import pytest
from django.urls import reverse
from django.utils.timezone import now as timezone_now
from freezegun import freeze_time

from institute.membership import services
from institute.membership.models import Feedback, Membership, Tier
from institute.people import selectors as people_selectors
from institute.people import services as people_services
from tests.factories import membership as factory
from tests.factories.people import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiers():
    year = datetime.date.today().year
    return {kind: factory.tier(kind, year=year + 1) for kind in Tier.Kind.values} | {
        f"{kind}-now": factory.tier(kind, year=year) for kind in Tier.Kind.values
    }


def test_membership_page_lists_tiers_prices_and_benefits(client, tiers):
    Tier.objects.filter(kind=Tier.Kind.INDIVIDUAL).update(benefits="Member prices\nWebinars")
    response = client.get(reverse("membership:index"))
    body = response.content.decode()
    assert response.status_code == 200
    for tier in Tier.objects.filter(year=response.context["year"]):
        assert tier.name in body
    assert "£195 a year" in body
    assert "<li>Webinars</li>" in body


def test_join_individual_starts_at_once_with_an_invoice_reference(client, tiers):
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("membership:join"))
    tier = page.context["form"].fields["tier"].queryset.get(kind=Tier.Kind.INDIVIDUAL)
    response = client.post(reverse("membership:join"), {"tier": tier.pk})
    assert response.status_code == 302
    m = Membership.objects.get(holder=user)
    assert m.status == "new" and m.invoice_reference.startswith("INV-")
    mine = client.get(reverse("membership:mine")).content.decode()
    assert m.invoice_reference in mine and "Not paid yet" in mine
    # A second application is sent to the membership instead.
    assert client.get(reverse("membership:join"))["Location"] == reverse("membership:mine")


def test_join_organisational_needs_an_organisation(client, tiers):
    user = UserFactory()
    client.force_login(user)
    tier = (
        client.get(reverse("membership:join"))
        .context["form"]
        .fields["tier"]
        .queryset.get(kind=Tier.Kind.ORGANISATIONAL)
    )
    response = client.post(reverse("membership:join"), {"tier": tier.pk})
    assert response.status_code == 200
    assert not Membership.objects.exists()
    org = OrganisationFactory()
    client.post(reverse("membership:join"), {"tier": tier.pk, "organisation": org.pk})
    assert Membership.objects.get(holder=user).organisation == org


@pytest.mark.parametrize("bad", ["٣", "99999999999999999999999", "-1", "\x00", "abc"])
def test_join_with_bad_ids_is_a_form_error(client, tiers, bad):
    client.force_login(UserFactory())
    response = client.post(reverse("membership:join"), {"tier": bad, "organisation": bad})
    assert response.status_code == 200
    assert not Membership.objects.exists()


def test_renew_through_the_page_once(client):
    user = UserFactory()
    with freeze_time("2024-01-10"):
        m = factory.make_membership(user, day=datetime.date(2024, 1, 10))
    client.force_login(user)
    with freeze_time("2025-01-20"):
        page = client.get(reverse("membership:mine"))
        assert "Grace" in page.content.decode()
        data = {"seen_end_date": "2025-01-09"}
        client.post(reverse("membership:renew"), data)
        client.post(reverse("membership:renew"), data)  # a second click
    m.refresh_from_db()
    assert m.end_date == datetime.date(2026, 1, 9)


def test_alumni_directory_follows_the_status(client):
    user = UserFactory()
    with freeze_time("2024-01-10"):
        m = factory.make_membership(user, day=datetime.date(2024, 1, 10))
    client.force_login(user)
    url = reverse("academy:alumni_directory")
    with freeze_time("2024-06-01"):
        assert client.get(url).status_code == 200
    with freeze_time("2025-03-01"):
        response = client.get(url)
        assert response.status_code == 403
        assert "For members only" in response.content.decode()
        services.membership_renew(membership_id=m.pk, seen_end_date=m.end_date)
        assert client.get(url).status_code == 200


def test_personal_data_export_and_erasure():
    user = UserFactory(first_name="Grace", last_name="Hopper")
    m = factory.make_membership(user)
    feedback = services.feedback_submit(user=user, topic=None, text="Grace Hopper says: more AI")
    services.feedback_publish(
        feedback_id=feedback.pk,
        title="More AI",
        response="Done for Grace Hopper",
        acted_on=datetime.date(2024, 1, 1),
    )
    waiting = services.feedback_submit(user=user, topic=None, text="unpublished")
    services.voice_seat_add(user=user, focus="Events")
    data = people_selectors.personal_data_export(user=user)["sections"]["membership"]["data"]
    assert data["memberships"][0]["invoice_reference"] == m.invoice_reference
    assert {f["text"] for f in data["feedback"]} == {"Grace Hopper says: more AI", "unpublished"}
    assert data["member_voice"][0]["focus"] == "Events"
    people_services.account_erase(user=user)
    m.refresh_from_db()
    assert m.holder is None and m.end_date  # the society's counts keep the dates
    feedback.refresh_from_db()
    assert feedback.author is None
    assert "Grace Hopper" not in feedback.text + feedback.response
    assert not Feedback.objects.filter(pk=waiting.pk).exists()


def test_event_page_says_which_price_the_visitor_pays(client, home):
    from tests.factories.events import add_item, ensure_calendar

    start = timezone_now() + datetime.timedelta(days=30)
    item = add_item(
        ensure_calendar(),
        title="Conference",
        slug="conference-prices",
        kind="events",
        start=start,
        end=start + datetime.timedelta(hours=3),
        member_price=95,
        non_member_price=195,
    )
    member = factory.make_member(UserFactory())
    client.force_login(member)
    assert "you pay the member price" in client.get(item.url).content.decode()
    client.force_login(UserFactory())
    assert "You pay the non-member price" in client.get(item.url).content.decode()


def test_drop_ins_are_a_recurring_calendar_item(home):
    from institute.events import selectors as calendar

    start = timezone_now() + datetime.timedelta(days=10)
    item_id = services.voice_drop_ins_sync(
        start=start,
        end=start + datetime.timedelta(hours=1),
        recurrence="FREQ=MONTHLY;COUNT=12",
    )
    assert (
        services.voice_drop_ins_sync(
            start=start,
            end=start + datetime.timedelta(hours=1),
            recurrence="FREQ=MONTHLY;COUNT=12",
        )
        == item_id
    )
    links = calendar.training_item_links(item_ids=[item_id])
    assert item_id in links
    from institute.events.models import CalendarItemPage

    item = CalendarItemPage.objects.get(pk=item_id)
    assert (item.kind, item.sub_kind, item.occurrences.count()) == ("events", "drop-in", 12)
