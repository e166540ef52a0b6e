"""allauth's forms, worded for the society: "E-mail", visible labels, length limits."""

from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth.hashers import make_password
from django.core.validators import MaxLengthValidator

from .forms import PASSWORD_MAX_LENGTH
from .models import User

EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length


def _limit_email(field):
    """allauth's e-mail fields allow 320 characters; the database column holds 254."""
    field.max_length = EMAIL_MAX_LENGTH
    field.validators.append(MaxLengthValidator(EMAIL_MAX_LENGTH))
    field.widget.attrs["maxlength"] = str(EMAIL_MAX_LENGTH)


REQUIRED = {
    "email": "Enter your e-mail address.",
    "login": "Enter your e-mail address.",
    "password": "Enter your password.",
    "oldpassword": "Enter your current password.",
    "password1": "Enter a password.",
    "password2": "Enter the password again to confirm it.",
}
INVALID_EMAIL = "Enter an e-mail address in the form name@example.org."


def _plain_widgets(form):
    # Visible labels do the job; placeholders repeating them only add noise for screen readers.
    for name, field in form.fields.items():
        field.widget.attrs.pop("placeholder", None)
        if name in REQUIRED:
            field.error_messages["required"] = REQUIRED[name]
        if isinstance(field, forms.EmailField):
            field.error_messages["invalid"] = INVALID_EMAIL
        if isinstance(field.widget, forms.PasswordInput):
            # Hashing a megabyte-long "password" is wasted work; nobody types one.
            field.validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))


class SignupForm(allauth_forms.SignupForm):
    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "E-mail"
        _limit_email(self.fields["email"])
        self.fields["email"].help_text = "We will send a link to this address to confirm it."
        self.fields["password2"].label = "Confirm password"
        _plain_widgets(self)

    def try_save(self, request):
        # An address already in use gets an e-mail instead of a new account (docs/people.md).
        # Hash the password as a new account would, so that the answer takes as long either
        # way and its timing does not tell who is a member.
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "E-mail"
        _limit_email(self.fields["login"])
        # The page links to password reset beside the button, not inside the field's hint.
        self.fields["password"].help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me signed in on this device"
        _plain_widgets(self)


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "E-mail"
        _limit_email(self.fields["email"])
        _plain_widgets(self)


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = "New password"
        self.fields["password2"].label = "Confirm new password"
        _plain_widgets(self)


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oldpassword"].label = "Current password"
        self.fields["oldpassword"].help_text = ""
        self.fields["password1"].label = "New password"
        self.fields["password2"].label = "Confirm new password"
        _plain_widgets(self)


class AddEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "E-mail"
        _limit_email(self.fields["email"])
        _plain_widgets(self)
