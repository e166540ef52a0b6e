"""Sign-up with e-mail verification, and what bad input gets."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from institute.people import roles
from institute.people.models import User
from tests.factories.people import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
SIGNUP = "/accounts/signup/"


def _signup_data(**overrides):
    data = {
        "first_name": "Yogita",
        "last_name": "Popat",
        "email": "yogita@barnet.example",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def _confirmation_link(message):
    return re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body).group(0)


def test_sign_up_asks_for_name_and_sends_a_verification_email(client):
    response = client.post(SIGNUP, _signup_data())
    assert response.status_code == 302
    user = User.objects.get(email="yogita@barnet.example")
    assert (user.first_name, user.last_name) == ("Yogita", "Popat")
    assert len(mail.outbox) == 1
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_unverified_person_cannot_sign_in(client):
    client.post(SIGNUP, _signup_data())
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "yogita@barnet.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_confirming_the_email_does_not_make_the_person_a_member(client):
    """The Member role follows a membership's status (docs/membership.md), not the account."""
    client.post(SIGNUP, _signup_data())
    link = _confirmation_link(mail.outbox[0])
    path = link.split("testserver", 1)[1]
    client.post(path)
    user = User.objects.get(email="yogita@barnet.example")
    assert user.emailaddress_set.filter(verified=True).exists()
    assert not user.groups.filter(name=roles.MEMBER).exists()


def test_a_new_sign_up_is_not_a_member_before_confirming(client):
    client.post(SIGNUP, _signup_data())
    assert not Group.objects.get(name=roles.MEMBER).user_set.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-address", "name@example.org"),
        ("email", "a" * 250 + "@example.org", "at most 254"),
        ("first_name", "x" * 151, "50 characters or fewer"),
        ("last_name", "", "Enter your last name"),
        ("password2", "Something-else-2023", "same password"),
        ("password1", "x" * 5000, "at most 4096"),
    ],
)
def test_bad_sign_up_input_gives_field_errors(client, field, value, message):
    response = client.post(SIGNUP, _signup_data(**{field: value}))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert not User.objects.exists()


def test_sign_up_with_errors_keeps_what_was_typed(client):
    odd = "Zoë <script>alert(1)</script> O'Brien-Łukasz 🙂"
    response = client.post(SIGNUP, _signup_data(first_name=odd, email="nope"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Zoë &lt;script&gt;alert(1)&lt;/script&gt; O&#x27;Brien-Łukasz 🙂"' in html
    assert 'value="nope"' in html
    assert "<script>alert(1)" not in html


def test_sign_up_errors_are_summarised_and_linked_to_fields(client):
    response = client.post(SIGNUP, _signup_data(email="nope"))
    html = response.content.decode()
    assert 'href="#id_email"' in html
    assert 'aria-describedby="id_email-hint id_email-error"' in html
    assert 'aria-invalid="true"' in html


def test_signing_up_with_an_address_already_in_use_reveals_nothing_and_warns_the_owner(client):
    # Enumeration protection: a stranger must not learn who is a member. The owner is told.
    UserFactory(email="mark@hounslow.example")
    response = client.post(SIGNUP, _signup_data(email="mark@hounslow.example"))
    assert response.status_code == 302
    assert User.objects.filter(email="mark@hounslow.example").count() == 1
    assert mail.outbox[0].to == ["mark@hounslow.example"]
    assert "already" in mail.outbox[0].body.lower()


def test_sign_up_page_has_labelled_fields_with_autocomplete(client):
    html = client.get(SIGNUP).content.decode()
    for field_id, autocomplete in [
        ("id_first_name", "given-name"),
        ("id_last_name", "family-name"),
        ("id_email", "email"),
        ("id_password1", "new-password"),
    ]:
        assert f'<label for="{field_id}">' in html
        assert re.search(rf'<input[^>]*autocomplete="{autocomplete}"[^>]*id="{field_id}"', html)


def test_sign_up_is_rate_limited_with_a_clear_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"}
    for n in range(2):
        client.post(SIGNUP, _signup_data(email=f"person{n}@example.org"))
        client.logout()
    response = client.post(SIGNUP, _signup_data(email="person3@example.org"))
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_verification_email_signs_off_as_the_institute_and_greets_by_no_typed_name(client):
    # The address is not yet known to be the person's: the name typed at sign-up stays out.
    client.post(SIGNUP, _signup_data())
    message = mail.outbox[0]
    assert message.subject == "[Institute] Confirm your e-mail address to finish joining"
    assert message.body.startswith("Hello,")
    assert "Yogita" not in message.body
    assert "The Institute team" in message.body
