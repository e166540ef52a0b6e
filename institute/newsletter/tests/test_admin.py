"""Staff in the Wagtail admin: the draft, its intro and order, a preview as a subscriber, a
test copy to themselves, approval (which queues and sends); personal data."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from institute.newsletter.models import Delivery, Issue
from institute.people import privacy
from institute.people.roles import STAFF_EDITOR
from institute.people.services import roles_sync
from tests.factories.newsletter import item, make_issue, make_subscriber
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = UserFactory(email="editor@example.org")
    user.groups.add(roles_sync()[STAFF_EDITOR])
    client.force_login(user)
    return user


def sections():
    return [
        {"key": "news", "title": "News", "items": [item("Post", topics=["data"])]},
        {"key": "calendar", "title": "Coming up", "items": [item("Event")]},
    ]


def test_staff_edit_preview_test_and_approve(client, staff, django_capture_on_commit_callbacks):
    issue = make_issue(sections=sections())
    reader = make_subscriber("reader@example.org")
    make_subscriber("pending@example.org", status="pending")
    url = reverse("newsletter_admin:issue", kwargs={"issue_id": issue.pk})
    assert client.get(reverse("newsletter_admin:issues")).status_code == 200
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"intro": "Edited intro", "position_news": "2", "position_calendar": "1"}
    )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.intro == "Edited intro" and issue.section_order == ["calendar", "news"]
    preview = client.get(
        reverse("newsletter_admin:preview", kwargs={"issue_id": issue.pk}),
        {"subscriber": reader.email},
    )
    assert preview.status_code == 200 and b"Edited intro" in preview.content
    assert b"/newsletter/unsubscribe/" in preview.content
    client.post(reverse("newsletter_admin:send_test", kwargs={"issue_id": issue.pk}))
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]
    assert mail.outbox[0].subject.startswith("[Test]")
    assert not Delivery.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("newsletter_admin:approve", kwargs={"issue_id": issue.pk}))
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT and issue.approved_by == staff
    assert [m.to for m in mail.outbox[1:]] == [["reader@example.org"]]
    # Approved: the intro cannot change any more.
    client.post(url, {"intro": "Too late", "position_news": "1", "position_calendar": "2"})
    issue.refresh_from_db()
    assert issue.intro == "Edited intro"


def test_members_cannot_reach_the_admin(client):
    client.force_login(UserFactory())
    issue = make_issue()
    assert client.post(
        reverse("newsletter_admin:approve", kwargs={"issue_id": issue.pk})
    ).status_code in (302, 403)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


def test_monthly_subscribers_get_the_first_friday_only():
    import datetime as dt

    from institute.newsletter.services import recipients

    weekly = make_subscriber(frequency="weekly")
    monthly = make_subscriber(frequency="monthly")
    first = make_issue(dt.date(2026, 11, 6))
    later = make_issue(dt.date(2026, 11, 13))
    assert set(recipients(issue=first)) == {weekly.pk, monthly.pk}
    assert set(recipients(issue=later)) == {weekly.pk}


def test_personal_data_export_and_erasure():
    user = UserFactory(email="person@example.org")
    subscriber = make_subscriber("person@example.org", user=user)
    issue = make_issue()
    Delivery.objects.create(issue=issue, subscriber=subscriber, status="sent")
    entry = next(e for e in privacy.entries() if e.key == "newsletter")
    exported = entry.export(user)
    json.dumps(exported)
    assert exported[0]["email"] == "person@example.org"
    assert exported[0]["deliveries"][0]["status"] == "sent"
    entry.erase(user)
    assert not Delivery.objects.exists()
    assert not subscriber.__class__.objects.exists()
