"""Staff run a round from the Wagtail admin: compute, lock, swap, confirm; others cannot."""

import pytest
from django.core import mail
from django.urls import reverse

from institute.academy import matching
from institute.academy.models import Registration, Round
from institute.people import roles
from institute.people.models import User
from institute.people.services import roles_sync

from .test_mentoring_services import _register, _user, people, round_, topic  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = User.objects.create_user(username="editor", email="editor@example.org", password="x")
    user.groups.add(roles_sync()[roles.STAFF_EDITOR])
    client.force_login(user)
    return client


def test_staff_compute_lock_swap_and_confirm(
    staff,
    round_,  # noqa: F811
    people,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    url = reverse("academy_mentoring_admin:round", args=[round_.pk])
    staff.post(url, {"action": "advance"})
    round_.refresh_from_db()
    assert round_.state == Round.State.MATCHING
    matched = staff.post(url, {"action": "match"}, follow=True).content.decode()
    assert "2 pairs, total fit" in matched and "1 mentee not matched." in matched
    assert round_.pairs.count() == 2
    page = staff.get(url).content.decode()
    assert "M3 Person (mentee), Org-A: every mentor they could be paired with was full" in page
    first, second = round_.pairs.order_by("pk")
    staff.post(url, {"pair": first.pk, "locked": "on"})
    first.refresh_from_db()
    assert first.locked
    staff.post(url, {"first": first.pk, "second": second.pk})
    assert round_.pairs.filter(locked=True).count() == 2
    bad = staff.post(url, {"first": "99999999999999999999", "second": "x"}, follow=True)
    assert bad.status_code == 200
    asked = staff.post(url, {"action": "advance"}).content.decode()
    round_.refresh_from_db()
    assert round_.state == Round.State.MATCHING  # a second screen says who will be e-mailed
    assert "both sides of 2 pairs and tells 1 person who was not matched" in asked
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(url, {"action": "advance", "confirmed": "on"})
    round_.refresh_from_db()
    assert round_.state == Round.State.CONFIRMED
    assert staff.get(reverse("academy_mentoring_admin:rounds")).status_code == 200
    told = {m.to[0]: m for m in mail.outbox}
    assert len(mail.outbox) == 5  # both sides of two pairs, and the mentee left out
    unmatched = Registration.objects.exclude(unmatched_reason="").get(round=round_)
    assert "could not pair you" in told[unmatched.user.email].body


def test_the_confirm_screen_counts_people_left_out_in_the_plural(
    staff,
    round_,  # noqa: F811
    people,  # noqa: F811
):
    _register(round_, _user("m4", "org-e"), "mentee")
    url = reverse("academy_mentoring_admin:round", args=[round_.pk])
    staff.post(url, {"action": "advance"})
    staff.post(url, {"action": "match"})
    asked = staff.post(url, {"action": "advance"}).content.decode()
    assert "tells 2 people who were not matched" in asked


def test_members_cannot_reach_the_round_screen(client, round_, people):  # noqa: F811
    client.force_login(people[2].user)
    url = reverse("academy_mentoring_admin:round", args=[round_.pk])
    response = client.post(url, {"action": "advance"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    round_.refresh_from_db()
    assert round_.state == Round.State.OPEN


def test_the_not_matched_list_is_what_was_stored_with_the_pairs(staff, round_, people):  # noqa: F811
    colleague = people[4]
    url = reverse("academy_mentoring_admin:round", args=[round_.pk])
    staff.post(url, {"action": "advance"})
    staff.post(url, {"action": "match"})
    colleague.refresh_from_db()
    assert colleague.unmatched_reason == matching.PLACES_FILLED
    # A mentor who arrives afterwards would change a fresh computation, not what is stored;
    # nor does a manual swap.
    late = Registration.objects.create(
        round=round_, user=_user("late", "org-e"), role="mentor", seniority=5, region="wales"
    )
    first, second = round_.pairs.order_by("pk")
    staff.post(url, {"first": first.pk, "second": second.pk})
    page = staff.get(url).content.decode()
    assert "M3 Person (mentee), Org-A: every mentor they could be paired with was full" in page
    assert "Late Person" not in page
    # Computing again stores the new outcome: the colleague is paired, nobody is left out.
    staff.post(url, {"action": "match"})
    assert round_.pairs.filter(mentor=late, mentee=colleague).exists()
    assert not round_.registrations.exclude(unmatched_reason="").exists()
    assert "Not matched" not in staff.get(url).content.decode()


def test_a_post_without_the_csrf_token_changes_nothing(round_, people):  # noqa: F811
    from django.test import Client

    user = User.objects.create_user(username="editor2", email="e2@example.org", password="x")
    user.groups.add(roles_sync()[roles.STAFF_EDITOR])
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    url = reverse("academy_mentoring_admin:round", args=[round_.pk])
    assert client.post(url, {"action": "advance"}).status_code == 403
    round_.refresh_from_db()
    assert round_.state == Round.State.OPEN
