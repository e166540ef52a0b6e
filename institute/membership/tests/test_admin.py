"""Staff screens: list and filter memberships, approve, mark paid, bulk renew, export CSV and
XLSX (formula-like cells quoted); site search finds only published feedback."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from institute.membership import services
from institute.membership.models import Membership, Tier
from institute.people import roles
from institute.people.services import roles_sync
from tests.factories import membership as factory
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = UserFactory()
    user.groups.add(roles_sync()[roles.STAFF_EDITOR])
    client.force_login(user)
    return user


def test_list_filter_approve_and_mark_paid(client, staff):
    factory.make_membership(UserFactory(last_name="Runningperson"))
    waiting = services.membership_apply(
        user=UserFactory(last_name="Waiting"), tier=factory.tier(Tier.Kind.ASSOCIATE)
    )
    url = reverse("membership_admin:memberships")
    assert "Runningperson" in client.get(url).content.decode()
    pending = client.get(url, {"status": "pending"}).content.decode()
    assert "Waiting" in pending and "Runningperson" not in pending
    assert client.get(url, {"status": "nonsense", "tier": "٣", "page": "x"}).status_code == 200
    applications = client.get(reverse("membership_admin:applications")).content.decode()
    assert "Waiting" in applications
    detail = reverse("membership_admin:membership", kwargs={"membership_id": waiting.pk})
    client.post(detail, {"action": "approve"})
    client.post(detail, {"action": "paid", "paid_on": "2024-02-01"})
    waiting.refresh_from_db()
    assert waiting.approval == "approved" and waiting.paid_on == datetime.date(2024, 2, 1)
    assert (
        client.get(
            reverse("membership_admin:membership", kwargs={"membership_id": "99999999999999999999"})
        ).status_code
        == 404
    )


def test_bulk_renew(client, staff):
    ms = [factory.make_membership(UserFactory()) for _ in range(3)]
    ends = {m.pk: m.end_date for m in ms}
    response = client.post(
        reverse("membership_admin:memberships"), {"memberships": [ms[0].pk, ms[1].pk]}
    )
    assert response.status_code == 302
    for m in Membership.objects.all():
        grew = m.end_date > ends[m.pk]
        assert grew == (m.pk in (ms[0].pk, ms[1].pk))


def test_export_csv_and_xlsx(client, staff):
    factory.make_membership(UserFactory(first_name="=HYPERLINK(1)", last_name="Smith"))
    csv_response = client.get(reverse("membership_admin:export"), {"format": "csv"})
    text = csv_response.content.decode()
    assert csv_response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].startswith("Id,Tier,Year,Member")
    assert "'=HYPERLINK(1) Smith" in text
    xlsx = client.get(reverse("membership_admin:export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Id" and len(rows) == 2
    assert rows[1][3] == "'=HYPERLINK(1) Smith"


def test_members_cannot_open_the_staff_screens(client):
    client.force_login(factory.make_member(UserFactory()))
    assert client.get(reverse("membership_admin:memberships")).status_code in (302, 403)


def test_site_search_finds_published_feedback_only(client):
    author = factory.make_member(UserFactory())
    published = services.feedback_submit(user=author, topic=None, text="zebrafish everywhere")
    services.feedback_publish(
        feedback_id=published.pk,
        title="Zebrafish answered",
        response="done",
        acted_on=datetime.date(2024, 1, 1),
    )
    services.feedback_submit(user=author, topic=None, text="quokka waiting")
    assert "Zebrafish answered" in client.get("/search/", {"q": "zebrafish"}).content.decode()
    assert "quokka waiting" not in client.get("/search/", {"q": "quokka"}).content.decode()
