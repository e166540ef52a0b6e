"""A member downloads everything held about them, and can have it erased."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from institute.core.models import Topic
from institute.people import privacy, services
from institute.people.models import Consent, ErasureRecord, OrganisationRole, User
from tests.factories.people import (
    PASSWORD,
    OrganisationFactory,
    OrganisationRoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = UserFactory(first_name="Yogita", last_name="Popat", job_title="Assistant director")
    user.organisation = OrganisationFactory(name="London Borough of Barnet")
    user.save()
    user.topics.add(Topic.objects.create(name="Sustainability", slug="sustainability"))
    services.consent_record(user=user, purpose=Consent.Purpose.NEWSLETTER, given=True)
    OrganisationRoleFactory(user=user, organisation=user.organisation)
    client.force_login(user)
    return user


@pytest.fixture
def room_entry():
    """A room's registry entry, as events or academy would register one."""
    erased = []
    entry = privacy.PersonalData(
        key="zz-room.bookings",
        title="Bookings",
        export=lambda user: [{"event": "President's Conference", "who": user.email}],
        erase=lambda user: erased.append(user.pk),
    )
    privacy.register(entry)
    yield erased
    privacy.unregister(entry.key)


def _download(client):
    response = client.get("/account/data/")
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_download_is_a_json_attachment(client, member):
    response, _ = _download(client)
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="institute-my-data-')


def test_download_holds_account_profile_consents_and_roles(client, member):
    _, data = _download(client)
    sections = data["sections"]
    assert sections["people.account"]["data"]["email"] == member.email
    assert sections["people.profile"]["data"]["organisation"] == "London Borough of Barnet"
    assert sections["people.profile"]["data"]["topics"] == ["Sustainability"]
    assert sections["people.consents"]["data"][0]["purpose"] == "newsletter"
    assert sections["people.consents"]["data"][0]["wording_version"]
    assert sections["people.organisation-roles"]["data"] == [
        {"organisation": "London Borough of Barnet", "role": "Organisation coordinator"}
    ]


def test_download_includes_every_room_registered_in_the_registry(client, member, room_entry):
    _, data = _download(client)
    assert data["sections"]["zz-room.bookings"]["data"][0]["who"] == member.email


def test_download_is_not_cached(client, member):
    response, _ = _download(client)
    assert "no-store" in response["Cache-Control"]


def test_erasure_needs_the_password(client, member):
    response = client.post("/account/delete/", {"password": "wrong"})
    assert response.status_code == 200
    assert "not your password" in response.content.decode()
    member.refresh_from_db()
    assert member.erased_at is None


@pytest.mark.parametrize("password", ["", "x" * 5000, "\x00\u202e odd"])
def test_bad_erasure_input_gives_an_error_not_a_server_error(client, member, password):
    response = client.post("/account/delete/", {"password": password})
    assert response.status_code == 200
    assert response.context["form"].errors["password"]


def test_erasure_anonymises_the_account_and_signs_out(client, member):
    pk = member.pk
    response = client.post("/account/delete/", {"password": PASSWORD})
    assert response["Location"] == "/account/deleted/"
    assert "_auth_user_id" not in client.session
    user = User.objects.get(pk=pk)
    assert (user.first_name, user.last_name, user.job_title) == ("", "", "")
    assert user.email == f"erased-{pk}@erased.invalid"
    assert user.organisation is None
    assert not user.is_active
    assert not user.has_usable_password()
    assert not user.topics.exists()
    assert not user.groups.exists()


def test_erasure_removes_consents_roles_and_email_addresses(client, member):
    client.post("/account/delete/", {"password": PASSWORD})
    assert not Consent.objects.filter(user=member).exists()
    assert not OrganisationRole.objects.filter(user=member).exists()
    assert not EmailAddress.objects.filter(user=member).exists()


def test_erasure_calls_every_room_in_the_registry(client, member, room_entry):
    client.post("/account/delete/", {"password": PASSWORD})
    assert room_entry == [member.pk]


def test_erasure_keeps_a_record_without_personal_data(client, member, room_entry):
    client.post("/account/delete/", {"password": PASSWORD})
    record = ErasureRecord.objects.get()
    assert record.requested_by == ErasureRecord.RequestedBy.MEMBER
    assert "zz-room.bookings" in record.sections
    stored = json.dumps([record.sections, str(record)])
    assert member.email not in stored and "Popat" not in stored


def test_erasure_confirms_by_email_to_the_old_address(
    client, member, django_capture_on_commit_callbacks
):
    address = member.email
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/delete/", {"password": PASSWORD})
    assert mail.outbox[-1].to == [address]
    assert "deleted" in mail.outbox[-1].subject


def test_a_failing_room_erasure_changes_nothing(member):
    def fail(user):
        raise RuntimeError("room could not erase")

    entry = privacy.PersonalData("zz-failing", "Failing", lambda user: [], fail)
    privacy.register(entry)
    try:
        with pytest.raises(RuntimeError):
            services.account_erase(user=member)
    finally:
        privacy.unregister(entry.key)
    member.refresh_from_db()
    assert member.erased_at is None
    assert Consent.objects.filter(user=member).exists()
    assert not ErasureRecord.objects.exists()


def test_erased_page_is_public(client):
    assert client.get("/account/deleted/").status_code == 200


def test_staff_erase_a_person_by_command_and_the_record_says_staff(member):
    call_command("erase_person", member.email, "--yes")
    member.refresh_from_db()
    assert member.erased_at is not None
    assert ErasureRecord.objects.get().requested_by == ErasureRecord.RequestedBy.STAFF


def test_erase_command_for_an_unknown_address_is_a_clear_error():
    with pytest.raises(CommandError, match="No account"):
        call_command("erase_person", "nobody@example.org", "--yes")


def test_erasure_ends_the_persons_other_sessions(client, member):
    other_device = Client()
    other_device.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert other_device.get("/account/").status_code == 200
    client.post("/account/delete/", {"password": PASSWORD})
    response = other_device.get("/account/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_download_has_a_section_for_every_registered_room(client, member):
    _, data = _download(client)
    assert set(data["sections"]) == {entry.key for entry in privacy.entries()}


def test_erasure_runs_every_registered_room_without_error(member):
    record = services.account_erase(user=member)
    erasable = [entry.key for entry in privacy.entries() if entry.erase is not None]
    assert record.sections == erasable
    assert "people.account" in erasable and "core.news-authors" not in erasable


def test_download_lists_news_author_credits_naming_the_member(client, member, home):
    from institute.core.demo import child_page
    from institute.core.models import NewsIndexPage, NewsPage, NewsPageAuthor

    news = child_page(home, NewsIndexPage, "news", title="News")
    post = child_page(news, NewsPage, "ai-post", title="AI in councils", date="2024-01-01")
    NewsPageAuthor.objects.create(
        page=post, name=f"{member.first_name} {member.last_name}", role="Director"
    )
    _, data = _download(client)
    assert data["sections"]["core.news-authors"]["data"] == [
        {
            "name": f"{member.first_name} {member.last_name}",
            "role": "Director",
            "shown_on": "AI in councils",
        }
    ]
