"""What the calendar gives the roof: a topic-page section, personal data, the staff admin."""

import pytest

from institute.core import topics
from institute.events import services
from institute.events.models import Booking
from institute.people import privacy

pytestmark = pytest.mark.django_db


def _section():
    return {s.key: s for s in topics.sections()}["events"]


def test_topic_section_lists_upcoming_items_on_the_topic(make_item, topic):
    make_item("Cyber webinar", kind="webinars", topics=[topic])
    make_item("Past cyber webinar", days=-5, kind="webinars", topics=[topic])
    make_item("Unrelated", kind="webinars")
    assert [item.title for item in _section().items(topic=topic, limit=6)] == ["Cyber webinar"]


def test_topic_page_shows_the_calendar_section(client, make_item, topic):
    make_item("Cyber webinar", kind="webinars", topics=[topic])
    content = client.get(f"/topics/{topic.slug}/").content
    assert b"Cyber webinar" in content


def _entry():
    return {e.key: e for e in privacy.entries()}["bookings"]


def test_personal_data_export_lists_the_members_bookings(make_item, member):
    services.booking_create(occurrence=make_item("Drop-in").occurrences.get(), user=member)
    (row,) = _entry().export(member)
    assert row["item"] == "Drop-in" and row["status"] == "confirmed"


def test_erasure_cancels_future_places_and_promotes_the_next_person(make_item, member, make_member):
    occurrence = make_item("Full drop-in", capacity=1).occurrences.get()
    services.booking_create(occurrence=occurrence, user=member)
    waiting = services.booking_create(occurrence=occurrence, user=make_member())
    _entry().erase(member)
    assert not Booking.objects.filter(user=member).exists()
    assert Booking.objects.get(pk=waiting.pk).status == "confirmed"


def test_erasure_keeps_past_attendance_anonymously(make_item, member):
    occurrence = make_item("Last month", days=-30).occurrences.get()
    Booking.objects.create(
        occurrence=occurrence,
        user=member,
        status="confirmed",
        attended=True,
        created_at=occurrence.start,
    )
    _entry().erase(member)
    assert Booking.objects.get(occurrence=occurrence).user is None
    assert occurrence.bookings.filter(attended=True).count() == 1


def test_staff_list_bookings_in_the_admin(client, staff, make_item, member):
    services.booking_create(occurrence=make_item("Workshop").occurrences.get(), user=member)
    client.force_login(staff)
    response = client.get("/admin/bookings/")
    assert response.status_code == 200
    assert member.email.encode() in response.content or str(member).encode() in response.content


def test_bookings_cannot_be_added_in_the_admin(client, staff):
    client.force_login(staff)
    assert client.get("/admin/bookings/new/").status_code in (302, 403)


def test_personal_data_export_lists_speaker_credits_naming_the_member(make_item, member):
    member.first_name, member.last_name = "Priya", "Patel"
    member.save()
    make_item("AI summit", speakers=[("Priya Patel", "CDIO, Camden"), ("Sam Lee", "CTO")])
    make_item("Other summit", speakers=[("Sam Lee", "CTO")])
    entry = {e.key: e for e in privacy.entries()}["events.speakers"]
    assert entry.export(member) == [
        {"name": "Priya Patel", "role": "CDIO, Camden", "shown_on": "AI summit"}
    ]


def test_erasure_keeps_published_speaker_credits_and_does_not_claim_them(make_item, member):
    from institute.events.models import Speaker
    from institute.people.services import account_erase

    member.first_name, member.last_name = "Priya", "Patel"
    member.save()
    make_item("AI summit", speakers=[("Priya Patel", "CDIO, Camden")])
    record = account_erase(user=member)
    assert Speaker.objects.filter(name="Priya Patel").exists()
    assert "events.speakers" not in record.sections
