"""Coaching: a session's notes are for its coach and its participant only; capacity holds."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from institute.academy import coaching_selectors, coaching_services
from institute.academy.access import mentoring_sample
from institute.academy.models import Coach, CoachingSession
from institute.people import roles
from institute.people.models import User
from institute.people.services import roles_sync

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return mentoring_sample()["session"]


def _other(name, *groups):
    user = User.objects.create_user(username=name, email=f"{name}@example.org", password="x")
    for group in groups:
        user.groups.add(roles_sync()[group])
    return user


def test_coach_and_participant_read_the_notes(client, session):
    url = reverse("academy:coaching_session", args=[session.pk])
    for user in (session.coach.user, session.participant):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert "Sample private notes" in response.content.decode()


def test_staff_see_the_session_but_never_the_notes(client, session):
    for group in (roles.STAFF_EDITOR, roles.STAFF_ADMIN):
        client.force_login(_other(f"staff-{group}".replace(" ", "-"), group))
        response = client.get(reverse("academy:coaching_session", args=[session.pk]))
        assert response.status_code == 200
        assert "Sample private notes" not in response.content.decode()
        posted = client.post(
            reverse("academy:coaching_session", args=[session.pk]), {"notes": "staff wrote"}
        )
        assert posted.status_code == 404
    session.refresh_from_db()
    assert session.notes == "Sample private notes"


def test_anyone_else_gets_nothing(client, session):
    client.force_login(_other("stranger", roles.MEMBER, roles.COACH))
    url = reverse("academy:coaching_session", args=[session.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"notes": "x"}).status_code == 404
    assert "Sample private notes" not in client.get(reverse("academy:coaching")).content.decode()


def test_participant_writes_notes_but_only_the_coach_changes_the_status(client, session):
    url = reverse("academy:coaching_session", args=[session.pk])
    client.force_login(session.participant)
    # The participant's form has no status: a posted one is ignored, the notes are kept.
    client.post(url, {"notes": "My reflections", "status": "held"})
    session.refresh_from_db()
    assert session.status == CoachingSession.Status.REQUESTED
    assert session.notes == "My reflections"
    with pytest.raises(ValidationError):
        coaching_services.session_update(session=session, user=session.participant, status="held")
    client.force_login(session.coach.user)
    client.post(url, {"notes": "My reflections", "status": "booked"})
    session.refresh_from_db()
    assert session.status == CoachingSession.Status.BOOKED


def test_member_requests_a_session_within_the_coachs_capacity(client):
    coach_user = _other("coach", roles.MEMBER, roles.COACH)
    coach = Coach.objects.create(user=coach_user, sessions_per_month=1, sessions_per_year=5)
    member = _other("member", roles.MEMBER)
    client.force_login(member)
    when = (timezone.localtime() + dt.timedelta(days=40)).replace(hour=10, minute=0)
    data = {"coach": coach.pk, "starts_at": when.strftime("%Y-%m-%dT%H:%M"), "request": "Goals"}
    response = client.post(reverse("academy:coaching"), data)
    assert response.status_code == 302
    assert CoachingSession.objects.filter(participant=member, coach=coach).count() == 1
    later = {**data, "starts_at": (when + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")}
    again = client.post(reverse("academy:coaching"), later)
    assert again.status_code == 200 and "no sessions left" in again.content.decode()
    assert CoachingSession.objects.filter(coach=coach).count() == 1


def test_a_coach_does_not_coach_themselves():
    coach = Coach.objects.create(user=_other("self", roles.COACH))
    with pytest.raises(ValidationError):
        coaching_services.session_request(
            coach=coach, participant=coach.user, starts_at=timezone.now()
        )


def test_count_per_year_counts_held_sessions_only(session):
    year = session.starts_at.year
    assert coaching_selectors.coaching_sessions_count(year=year) == 0
    CoachingSession.objects.filter(pk=session.pk).update(status="held")
    assert coaching_selectors.coaching_sessions_count(year=year) == 1
    assert coaching_selectors.coaching_sessions_count(year=year - 1) == 0


def test_coaching_export_and_erasure_keep_the_count(session):
    from institute.people import privacy

    entry = {e.key: e for e in privacy.entries()}["academy.coaching"]
    assert entry.export(session.participant)[0]["notes"] == "Sample private notes"
    CoachingSession.objects.filter(pk=session.pk).update(status="held")
    participant = session.participant
    entry.erase(participant)
    session.refresh_from_db()
    assert (session.participant, session.notes) == (None, "")
    assert coaching_selectors.coaching_sessions_count(year=session.starts_at.year) == 1


def test_a_request_sent_twice_makes_one_session(client):
    coach = Coach.objects.create(user=_other("coach2", roles.COACH), sessions_per_month=4)
    member = _other("member2", roles.MEMBER)
    client.force_login(member)
    when = (timezone.localtime() + dt.timedelta(days=40)).replace(hour=10, minute=0)
    data = {"coach": coach.pk, "starts_at": when.strftime("%Y-%m-%dT%H:%M"), "request": "Goals"}
    assert client.post(reverse("academy:coaching"), data).status_code == 302
    again = client.post(reverse("academy:coaching"), data)
    assert again.status_code == 200 and "already asked this coach" in again.content.decode()
    assert CoachingSession.objects.filter(coach=coach).count() == 1


def test_a_status_change_is_checked_against_the_stored_status(session):
    stale = CoachingSession.objects.get(pk=session.pk)  # a second tab, read before the change
    coaching_services.session_update(session=session, user=session.coach.user, status="cancelled")
    with pytest.raises(ValidationError):
        coaching_services.session_update(session=stale, user=stale.coach.user, status="booked")
    session.refresh_from_db()
    assert session.status == CoachingSession.Status.CANCELLED


def test_the_coach_hears_of_a_request_and_the_participant_of_the_answer(
    django_capture_on_commit_callbacks,
):
    coach = Coach.objects.create(user=_other("coach", roles.MEMBER, roles.COACH))
    member = _other("member", roles.MEMBER)
    when = timezone.now() + dt.timedelta(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        session = coaching_services.session_request(
            coach=coach, participant=member, starts_at=when, request="Leading <b>change</b>"
        )
    [asked] = mail.outbox
    assert asked.to == ["coach@example.org"] and "Leading <b>change</b>" in asked.body
    assert reverse("academy:coaching_session", args=[session.pk]) in asked.body
    with django_capture_on_commit_callbacks(execute=True):
        coaching_services.session_update(
            session=session, user=coach.user, status=CoachingSession.Status.BOOKED
        )
        coaching_services.session_update(session=session, user=member, notes="My private notes")
    assert [m.to for m in mail.outbox[1:]] == [["member@example.org"]]
    assert "confirmed" in mail.outbox[1].subject
    assert all("My private notes" not in m.body for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        coaching_services.session_update(
            session=session, user=coach.user, status=CoachingSession.Status.CANCELLED
        )
    assert mail.outbox[-1].to == ["member@example.org"] and "cancelled" in mail.outbox[-1].subject
