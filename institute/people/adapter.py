"""allauth's account adapter, with messages in the society's plain British English."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from institute.core.ratelimit import client_address

from . import selectors, signin


def _login(credentials) -> str:
    return credentials.get("email") or credentials.get("username") or ""


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": (
            "The e-mail address or password is not right. Check both and try again."
        ),
        "too_many_login_attempts": (
            "Too many failed attempts to sign in. For your security, wait a few minutes "
            "and try again, or reset your password."
        ),
        "email_taken": "An account already uses this e-mail address.",
        "duplicate_email": "This e-mail address is already on your account.",
        "enter_current_password": "Enter your current password.",
        "incorrect_password": "That password is not right.",
        "invalid_password_reset": "This link to reset your password is not valid any more.",
        "unverified_primary_email": "Confirm your e-mail address first.",
        "rate_limited": "You have sent too many requests. Please wait a few minutes.",
    }

    def get_client_ip(self, request):
        # One client address for allauth's limits and the rooms' (docs/deploy.md).
        return client_address(request)

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)  # allauth's limit per address
        if signin.refused(request, login=_login(credentials)):
            raise self.validation_error("too_many_login_attempts")

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            signin.succeeded(request, login=_login(credentials))
        return user

    def authentication_failed(self, request, **credentials):
        signin.failed(request, login=_login(credentials))

    def send_mail(self, template_prefix, email, context):
        # E-mails are rendered without a request, so the site's name is passed in here.
        # The greeting names the person only at an address they have confirmed.
        context = {
            **context,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "greeting_name": selectors.greeting_name(user=context.get("user"), email=email),
        }
        return super().send_mail(template_prefix, email, context)
