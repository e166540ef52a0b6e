"""Forms of membership and Member Voice: every POST goes through one of these."""

from django import forms

from institute.core.models import Topic
from institute.core.params import ModelIdField, ModelIdsField, WholeNumberField
from institute.people.models import Organisation

from .models import Membership, Tier

FEEDBACK_MAX = 4000


def _clean_text(value: str) -> str:
    return value.replace("\x00", "").strip()


class JoinForm(forms.Form):
    tier = ModelIdField(
        label="Membership", queryset=Tier.objects.none(), empty_label=None, widget=forms.RadioSelect
    )
    organisation = ModelIdField(
        label="Organisation (organisational membership)",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="Choose an organisation",
        help_text="The organisation whose people the membership covers. You become its "
        "membership coordinator.",
    )
    statement = forms.CharField(
        label="Anything we should know",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Associate and partner memberships are approved by our team: tell us about "
        "your work with public services.",
    )

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].queryset = Tier.objects.filter(year=year)
        self.fields["tier"].label_from_instance = lambda t: f"{t.name} — £{t.price:,.0f} a year"

    def clean_statement(self):
        return _clean_text(self.cleaned_data["statement"])

    def clean(self):
        data = super().clean()
        tier = data.get("tier")
        if tier is not None and tier.is_organisational and not data.get("organisation"):
            self.add_error("organisation", "Choose the organisation the membership is for.")
        return data


class RenewForm(forms.Form):
    """Renew the period the person saw (its end date), so a second click renews nothing."""

    seen_end_date = forms.DateField(widget=forms.HiddenInput)


class AddPersonForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address of their account",
        help_text="They need an account on this site first.",
        max_length=254,
    )


class RemovePersonForm(forms.Form):
    user = WholeNumberField(widget=forms.HiddenInput, min_value=1)


class FeedbackForm(forms.Form):
    topic = ModelIdField(
        label="Topic",
        queryset=Topic.objects.order_by("name"),
        required=False,
        empty_label="No particular topic",
    )
    text = forms.CharField(
        label="Your feedback",
        help_text=f"What works, what does not, what we should do (up to {FEEDBACK_MAX:,} "
        "characters). Our team reads every message; we publish some with what we did.",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=FEEDBACK_MAX,
    )

    def clean_text(self):
        text = _clean_text(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError("Enter your feedback.")
        return text


class PublishFeedbackForm(forms.Form):
    title = forms.CharField(label="Headline", max_length=160)
    response = forms.CharField(
        label="What we did", widget=forms.Textarea(attrs={"rows": 5}), max_length=4000
    )
    acted_on = forms.DateField(label="When we did it (YYYY-MM-DD)")

    def clean_title(self):
        return _clean_text(self.cleaned_data["title"])

    def clean_response(self):
        return _clean_text(self.cleaned_data["response"])


class StaffFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", "Any status"), *Membership._meta.get_field("status").choices],
        required=False,
    )
    tier = ModelIdField(queryset=Tier.objects.all(), required=False, empty_label="Any tier")
    paid = forms.ChoiceField(
        choices=[("", "Paid or not"), ("yes", "Paid"), ("no", "Unpaid")], required=False
    )
    q = forms.CharField(label="Search", required=False, max_length=100)

    def clean_q(self):
        return _clean_text(self.cleaned_data["q"])


class BulkRenewForm(forms.Form):
    memberships = ModelIdsField(queryset=Membership.objects.all(), required=True)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("decline", "Decline")])
