"""Names: what a person may call themselves, and where a typed name may appear in e-mails."""

from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.core.exceptions import ValidationError

from institute.people import services
from institute.people.models import User
from institute.people.validators import validate_first_name
from tests.factories.people import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
SIGNUP = "/accounts/signup/"


def _signup(client, **overrides):
    data = {
        "first_name": "Yogita",
        "last_name": "Popat",
        "email": "yogita@barnet.example",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    return client.post(SIGNUP, data)


@pytest.mark.parametrize(
    "name",
    [
        "Ada",
        "Zoë",
        "O'Brien",
        "O’Brien",
        "Jean-Luc",
        "J.R.R.",
        "St. John",
        "Łukasz",
        "María del Carmen",
        "Nguyễn",
        "Ngozi Okonjo-Iweala",
        "محمد",
        "李",
        "x" * 50,
    ],
)
def test_real_names_are_accepted(name):
    validate_first_name(name)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Click https://evil.example/verify", "web or e-mail address"),
        ("evil.example", "web or e-mail address"),
        ("www.evil.com", "web or e-mail address"),
        ("me@evil.example", "web or e-mail address"),
        ("javascript:alert(1)", "web or e-mail address"),
        ("Ada <b>", "only include letters"),
        ("Call 0800 123 456", "only include letters"),
        ("Ada\nVisit us", "only include letters"),
        ("x" * 51, "50 characters or fewer"),
    ],
)
def test_names_that_read_as_links_or_text_are_refused_with_a_clear_message(name, message):
    with pytest.raises(ValidationError) as raised:
        validate_first_name(name)
    assert message in raised.value.messages[0]
    assert raised.value.messages[0].startswith("First name")


def test_sign_up_refuses_a_name_with_a_link_and_sends_nothing(client):
    response = _signup(client, first_name="Click https://evil.example/verify")
    assert response.status_code == 200
    errors = response.context["form"].errors["first_name"]
    assert errors == ["First name must not contain a web or e-mail address."]
    assert not User.objects.exists()
    assert mail.outbox == []


def test_sign_up_tidies_spaces_in_names(client):
    _signup(client, first_name="  Yogita  ", last_name="van  der   Berg")
    user = User.objects.get()
    assert (user.first_name, user.last_name) == ("Yogita", "van der Berg")


def test_profile_edit_refuses_a_name_with_a_link(client):
    user = UserFactory(first_name="Mark")
    client.force_login(user)
    response = client.post(
        "/account/edit/",
        {
            "first_name": "Mark",
            "last_name": "see evil.example",
            "job_title": "",
            "organisation": "",
        },
    )
    assert response.status_code == 200
    assert "must not contain a web or e-mail address" in " ".join(
        response.context["form"].errors["last_name"]
    )
    user.refresh_from_db()
    assert user.last_name.startswith("Member")


def test_the_model_holds_the_rule_for_every_form_that_edits_a_name():
    # The Wagtail admin's and Django admin's user forms are model forms: they run this.
    user = UserFactory.build(first_name="Visit evil.example", username="u", email="u@example.org")
    with pytest.raises(ValidationError) as raised:
        user.full_clean()
    assert "first_name" in raised.value.message_dict


def test_a_stranger_cannot_put_words_in_a_confirmation_sent_to_someone_else(client):
    _signup(client, first_name="Urgent", last_name="Act now", email="victim@example.org")
    (message,) = mail.outbox
    assert message.to == ["victim@example.org"]
    assert message.body.startswith("Hello,")
    assert "Urgent" not in message.body and "Act now" not in message.body
    assert "Urgent" not in message.subject


def test_e_mails_to_a_confirmed_address_greet_the_person_by_name(client):
    user = UserFactory(first_name="Yogita")
    client.post("/accounts/password/reset/", {"email": user.email})
    (message,) = mail.outbox
    assert message.body.startswith("Hello Yogita,")


def test_the_erasure_confirmation_greets_by_name_only_at_a_confirmed_address(
    django_capture_on_commit_callbacks,
):
    confirmed = UserFactory(first_name="Yogita")
    unconfirmed = UserFactory(first_name="Urgent", verified=False)
    EmailAddress.objects.create(user=unconfirmed, email=unconfirmed.email, verified=False)
    addresses = confirmed.email, unconfirmed.email
    with django_capture_on_commit_callbacks(execute=True):
        services.account_erase(user=confirmed)
        services.account_erase(user=unconfirmed)
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert bodies[addresses[0]].startswith("Hello Yogita,")
    assert bodies[addresses[1]].startswith("Hello,")


# --- Sign-up does the same work whether or not the address has an account ----------------------


def _hashes_and_mails(client, email):
    encode = MD5PasswordHasher.encode
    with mock.patch.object(MD5PasswordHasher, "encode", autospec=True, side_effect=encode) as spy:
        mail.outbox = []
        response = _signup(client, email=email)
        client.logout()
    return spy.call_count, len(mail.outbox), response.status_code, response["Location"]


def test_sign_up_hashes_a_password_and_sends_one_e_mail_whether_or_not_the_address_is_taken(
    client,
):
    UserFactory(email="mark@hounslow.example")
    taken = _hashes_and_mails(client, "mark@hounslow.example")
    new = _hashes_and_mails(client, "new@hounslow.example")
    assert new[0] >= 1
    assert taken == new
