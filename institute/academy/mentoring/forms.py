"""Forms of mentoring and coaching: every POST goes through one of these."""

import datetime as dt

from django import forms
from django.utils import timezone

from institute.core.params import ModelIdField, ModelIdsField, WholeNumberField
from institute.people.models import Region, User

from ..models import CoachingSession, Registration
from ..models.mentoring import Format, Seniority


class RegistrationForm(forms.Form):
    role = forms.ChoiceField(
        label="I would like to join as",
        choices=Registration.Role.choices,
        widget=forms.RadioSelect,
    )
    topics = ModelIdsField(
        queryset=None,
        label="Topics",
        widget=forms.CheckboxSelectMultiple,
        help_text="What you would like to talk about, or can help with. Choose at least one.",
    )
    seniority = forms.TypedChoiceField(
        label="Seniority", coerce=int, choices=[("", "Choose one"), *Seniority.choices]
    )
    region = forms.ChoiceField(label="Region", choices=[("", "Choose one"), *Region.choices])
    format = forms.ChoiceField(
        label="How you would like to meet",
        choices=Format.choices,
        widget=forms.RadioSelect,
        initial=Format.EITHER,
    )
    capacity = forms.TypedChoiceField(
        label="Mentors: how many mentees you can take",
        coerce=int,
        choices=[(1, "1"), (2, "2"), (3, "3")],
        initial=1,
        required=False,
        help_text="Mentees leave this as it is.",
    )
    available = forms.BooleanField(
        label="I am available for the whole round", required=False, initial=True
    )
    goals = forms.CharField(
        label="What you hope to get from the scheme, or to offer",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    not_with = forms.CharField(
        label="People you would rather not be paired with",
        required=False,
        max_length=1000,
        help_text="Their e-mail addresses, separated by commas. Nobody is told.",
    )

    def __init__(self, *args, **kwargs):
        from institute.core.models import Topic

        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.order_by("name")

    def clean_not_with(self):
        addresses = [a.strip() for a in self.cleaned_data["not_with"].split(",") if a.strip()]
        validator = forms.EmailField()
        for address in addresses:
            try:
                validator.clean(address)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    "Enter e-mail addresses separated by commas, like name@example.org."
                ) from error
        return list(User.objects.filter(email__in=addresses, is_active=True))

    def clean(self):
        data = super().clean()
        if data.get("role") == Registration.Role.MENTOR and not data.get("capacity"):
            self.add_error("capacity", "Choose how many mentees you can take.")
        return data

    @classmethod
    def initial_for(cls, registration):
        if registration is None:
            return {"available": True, "format": Format.EITHER, "capacity": 1}
        return {
            "role": registration.role,
            "topics": list(registration.topics.values_list("pk", flat=True)),
            "seniority": registration.seniority,
            "region": registration.region,
            "format": registration.format,
            "capacity": registration.capacity,
            "available": registration.available,
            "goals": registration.goals,
            "not_with": ", ".join(registration.not_with.values_list("email", flat=True)),
        }


class MeetingForm(forms.Form):
    held_on = forms.DateField(
        label="Date of the meeting",
        help_text="For example, 2024-03-27.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    minutes = WholeNumberField(label="Length in minutes", min_value=5, max_value=600, initial=60)
    summary = forms.CharField(label="A line about it", required=False, max_length=300)

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError("Record a meeting once it has taken place.")
        return held_on


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="How useful was the mentoring?",
        coerce=int,
        choices=[
            (5, "Very useful"),
            (4, "Useful"),
            (3, "Neutral"),
            (2, "Not very"),
            (1, "Not at all"),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Anything you would like to tell us",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PairActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("meeting", "meeting"), ("feedback", "feedback")], widget=forms.HiddenInput
    )


class SessionRequestForm(forms.Form):
    coach = ModelIdField(queryset=None, label="Coach", empty_label="Choose a coach")
    starts_at = forms.DateTimeField(
        label="Preferred date and time",
        help_text="For example 2024-03-27 14:00. The coach confirms or suggests another time.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    request = forms.CharField(
        label="What you would like to discuss",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, coaches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at < timezone.now() + dt.timedelta(hours=1):
            raise forms.ValidationError("Choose a time at least an hour from now.")
        return starts_at


class SessionUpdateForm(forms.Form):
    status = forms.ChoiceField(label="Status", required=False, choices=[])
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Only you and the other person in this session can read these notes.",
    )

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        if statuses:
            labels = dict(CoachingSession.Status.choices)
            self.fields["status"].choices = [("", "Leave as it is")] + [
                (s, labels[s]) for s in statuses
            ]
        else:
            del self.fields["status"]


# --- Staff screens ---------------------------------------------------------------------------


class RoundActionForm(forms.Form):
    action = forms.ChoiceField(choices=[("match", "Compute pairs"), ("advance", "Next stage")])
    # Confirming the pairs e-mails everyone in the round: staff say so on a second screen.
    confirmed = forms.BooleanField(required=False)


class LockForm(forms.Form):
    pair = WholeNumberField(min_value=1)
    locked = forms.BooleanField(required=False)


class SwapForm(forms.Form):
    first = ModelIdField(queryset=None, label="First pair")
    second = ModelIdField(queryset=None, label="Second pair")

    def __init__(self, *args, pairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first"].queryset = pairs
        self.fields["second"].queryset = pairs
