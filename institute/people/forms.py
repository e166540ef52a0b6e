"""Forms of the people app: sign-up details, the profile, erasure.

allauth's own forms, worded for the society, are in ``account_forms`` (allauth imports this
module while building its sign-up form, so this one must not import allauth's forms).
"""

from django import forms

from . import signin
from .consent import WORDING
from .models import Consent, User
from .selectors import organisation_choices
from .validators import normalise_name, validate_first_name, validate_last_name

PASSWORD_MAX_LENGTH = 4096


class PersonNameField(forms.CharField):
    """A first or last name: trimmed, spaces collapsed, checked by the model's rule."""

    def __init__(self, *, label, validator, **kwargs):
        # No maxlength: a browser would cut a pasted name silently; the rule says why instead.
        super().__init__(label=label, validators=[validator], **kwargs)

    def to_python(self, value):
        return normalise_name(super().to_python(value))


class SignupDetailsForm(forms.Form):
    """Extra fields asked at sign-up, after e-mail and password."""

    first_name = PersonNameField(
        label="First name",
        validator=validate_first_name,
        error_messages={"required": "Enter your first name."},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = PersonNameField(
        label="Last name",
        validator=validate_last_name,
        error_messages={"required": "Enter your last name."},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])


class ProfileForm(forms.Form):
    """A person's own profile: name, work, interests and communication choices."""

    first_name = SignupDetailsForm.base_fields["first_name"]
    last_name = SignupDetailsForm.base_fields["last_name"]
    job_title = forms.CharField(
        max_length=User._meta.get_field("job_title").max_length,
        required=False,
        label="Job title",
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    organisation = forms.ModelChoiceField(
        queryset=organisation_choices(),
        required=False,
        label="Organisation",
        empty_label="Not listed, or none",
        help_text="If your organisation is not listed, tell us and we will add it.",
    )
    topics = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label="Topics of interest",
        widget=forms.CheckboxSelectMultiple,
        help_text="The newsletter and suggestions follow these topics.",
    )
    newsletter = forms.BooleanField(required=False)
    event_reminders = forms.BooleanField(required=False)

    CONSENT_FIELDS = {
        "newsletter": Consent.Purpose.NEWSLETTER,
        "event_reminders": Consent.Purpose.EVENT_REMINDERS,
    }

    def __init__(self, *args, **kwargs):
        from institute.core.models import Topic

        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.order_by("name")
        for name, purpose in self.CONSENT_FIELDS.items():
            self.fields[name].label = WORDING[purpose].label
            self.fields[name].help_text = WORDING[purpose].text

    @classmethod
    def initial_for(cls, user, consents):
        initial = {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "job_title": user.job_title,
            "organisation": user.organisation_id,
            "topics": list(user.topics.values_list("pk", flat=True)),
        }
        for name, purpose in cls.CONSENT_FIELDS.items():
            consent = consents.get(purpose)
            initial[name] = bool(consent and consent.given)
        return initial

    def consents(self):
        return {purpose: self.cleaned_data[name] for name, purpose in self.CONSENT_FIELDS.items()}


class EraseAccountForm(forms.Form):
    """Asks for the password again before an account is erased."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To make sure it is you, enter the password you sign in with.",
        error_messages={"required": "Enter your password."},
    )

    def __init__(self, *args, user, request, **kwargs):
        self.user = user
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        # The same count of wrong passwords as signing in (signin.py, docs/people.md).
        password = self.cleaned_data["password"]
        if signin.refused(self.request, login=self.user.email):
            raise forms.ValidationError(
                "Too many wrong passwords. For your security, wait a few minutes and try again."
            )
        if not self.user.check_password(password):
            signin.failed(self.request, login=self.user.email)
            raise forms.ValidationError("That is not your password. Please try again.")
        return password
