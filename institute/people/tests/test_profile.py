"""The profile at /account/: view and edit name, work, topics and communication consents."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from institute.core.models import Topic
from institute.people import services
from institute.people.consent import WORDING
from institute.people.models import Consent
from tests.factories.people import OrganisationFactory, OrganisationRoleFactory, UserFactory

pytestmark = pytest.mark.django_db
EDIT = "/account/edit/"


@pytest.fixture
def member(client):
    user = UserFactory(first_name="Mark", last_name="Lumley")
    client.force_login(user)
    return user


def _form(**overrides):
    data = {"first_name": "Mark", "last_name": "Lumley", "job_title": "", "organisation": ""}
    data.update(overrides)
    return data


def test_profile_shows_name_organisation_and_topics(client, member):
    member.organisation = OrganisationFactory(name="London Borough of Hounslow")
    member.save()
    member.topics.add(Topic.objects.create(name="Cyber security", slug="cyber"))
    html = client.get("/account/").content.decode()
    assert "Mark Lumley" in html
    assert "London Borough of Hounslow" in html
    assert "Cyber security" in html


def test_profile_shows_organisation_roles(client, member):
    OrganisationRoleFactory(user=member, organisation=OrganisationFactory(name="Essex"))
    assert "Organisation coordinator for Essex" in client.get("/account/").content.decode()


def test_member_edits_name_job_organisation_and_topics(client, member):
    organisation = OrganisationFactory()
    topic = Topic.objects.create(name="Data", slug="data")
    response = client.post(
        EDIT,
        _form(
            first_name="Marc",
            job_title="Director of digital & IT",
            organisation=organisation.pk,
            topics=[topic.pk],
        ),
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.first_name == "Marc"
    assert member.job_title == "Director of digital & IT"
    assert member.organisation == organisation
    assert list(member.topics.all()) == [topic]


def test_giving_newsletter_consent_records_wording_and_version(client, member):
    client.post(EDIT, _form(newsletter="on"))
    consent = Consent.objects.get(user=member)
    assert consent.given is True
    assert consent.purpose == Consent.Purpose.NEWSLETTER
    assert consent.wording_version == WORDING[Consent.Purpose.NEWSLETTER].version
    assert consent.wording == WORDING[Consent.Purpose.NEWSLETTER].text


def test_withdrawing_consent_adds_to_the_history(client, member):
    client.post(EDIT, _form(event_reminders="on"))
    client.post(EDIT, _form())
    history = list(
        Consent.objects.filter(user=member, purpose=Consent.Purpose.EVENT_REMINDERS)
        .order_by("recorded_at", "id")
        .values_list("given", flat=True)
    )
    assert history == [True, False]


def test_saving_unchanged_consents_records_nothing_new(client, member):
    client.post(EDIT, _form(newsletter="on"))
    client.post(EDIT, _form(newsletter="on", job_title="CIO"))
    assert Consent.objects.filter(user=member).count() == 1


def test_edit_form_shows_current_consent_checked(client, member):
    client.post(EDIT, _form(newsletter="on"))
    html = client.get(EDIT).content.decode()
    assert 'name="newsletter" aria-describedby="id_newsletter-hint" id="id_newsletter" checked' in (
        html
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "", "Enter your first name"),
        ("first_name", "x" * 10_000, "50 characters or fewer"),
        ("job_title", "y" * 151, "at most 150"),
        ("organisation", "999999", "valid choice"),
        ("organisation", "not-a-number", "valid choice"),
        ("topics", "'; DROP TABLE people_user; --", "valid value"),
    ],
)
def test_bad_profile_input_gives_field_errors(client, member, field, value, message):
    response = client.post(EDIT, _form(**{field: value}))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])


def test_profile_with_errors_keeps_what_was_typed(client, member):
    odd = "Ünïcödé & <b>bold</b> 👩‍💻"
    response = client.post(EDIT, _form(first_name="", job_title=odd))
    html = response.content.decode()
    assert 'value="Ünïcödé &amp; &lt;b&gt;bold&lt;/b&gt; 👩‍💻"' in html
    member.refresh_from_db()
    assert member.job_title == ""


def test_profile_query_count_does_not_grow_with_topics_roles_and_consents(client, member):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/account/").status_code == 200
        return len(queries)

    small = count()
    for n in range(8):
        member.topics.add(Topic.objects.create(name=f"Topic {n}", slug=f"topic-{n}"))
        OrganisationRoleFactory(user=member)
        client.post(EDIT, _form(newsletter="on" if n % 2 else ""))
    assert count() == small


def test_edit_page_query_count_does_not_grow_with_organisations_and_topics(client, member):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(EDIT).status_code == 200
        return len(queries)

    small = count()
    OrganisationFactory.create_batch(30)
    for n in range(20):
        Topic.objects.create(name=f"Topic {n}", slug=f"topic-{n}")
    assert count() == small


def test_profile_lists_coordinator_role_once_with_its_organisation(client, member):
    services.organisation_role_grant(
        user=member, organisation=OrganisationFactory(name="Essex"), role="coordinator"
    )
    html = client.get("/account/").content.decode()
    assert html.count("Organisation coordinator") == 1
