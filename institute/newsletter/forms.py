"""Every form of the newsletter: subscribing, confirming, preferences, unsubscribing, the
provider's webhook and the staff's issue screens."""

from django import forms

from institute.core.models import Topic
from institute.core.params import ModelIdsField, WholeNumberField
from institute.people.consent import WORDING
from institute.people.models import Consent

from .models import Subscriber


def _topics_field():
    return ModelIdsField(
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Topics to put first",
        help_text="Items on these topics come first in your copy. Choose none to get "
        "everything in the usual order.",
    )


def _frequency_field():
    return forms.ChoiceField(
        choices=Subscriber.Frequency.choices,
        initial=Subscriber.Frequency.WEEKLY,
        widget=forms.RadioSelect,
        label="How often",
    )


class SubscribeForm(forms.Form):
    email = forms.EmailField(label="E-mail address", max_length=254)
    topics = _topics_field()
    frequency = _frequency_field()
    consent = forms.BooleanField(required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wording = WORDING[Consent.Purpose.NEWSLETTER]
        self.fields["consent"].label = wording.text
        self.fields["consent"].error_messages["required"] = (
            "Tick the box to agree to receive the newsletter"
        )
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class ConfirmForm(forms.Form):
    """Confirming is a button press (POST): link checkers that open the link do not."""


class PreferencesForm(forms.Form):
    topics = _topics_field()
    frequency = _frequency_field()


class OneClickForm(forms.Form):
    """RFC 8058: the mail client POSTs ``List-Unsubscribe=One-Click`` to the link."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["List-Unsubscribe"] = forms.ChoiceField(
            choices=[("One-Click", "One-Click")], widget=forms.HiddenInput, initial="One-Click"
        )


class WebhookForm(forms.Form):
    event = forms.ChoiceField(
        choices=[("bounce", "bounce"), ("complaint", "complaint"), ("delivered", "delivered")]
    )
    email = forms.EmailField(required=False, max_length=254)
    message_id = forms.CharField(required=False, max_length=200)

    def clean(self):
        data = super().clean()
        if data.get("event") in ("bounce", "complaint") and not data.get("email"):
            raise forms.ValidationError("A bounce or complaint names the address.")
        if data.get("event") == "delivered" and not data.get("message_id"):
            raise forms.ValidationError("A delivery event names the Message-ID.")
        return data


class IssueForm(forms.Form):
    intro = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=5000
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.section_keys = []
        for position, section in enumerate(sections, start=1):
            name = f"position_{section['key']}"
            self.fields[name] = WholeNumberField(
                label=f"Position of “{section['title']}”",
                initial=position,
                min_value=1,
                max_value=99,
            )
            self.section_keys.append(section["key"])

    def section_order(self):
        return sorted(
            self.section_keys,
            key=lambda k: (self.cleaned_data[f"position_{k}"], self.section_keys.index(k)),
        )


class PreviewForm(forms.Form):
    subscriber = forms.EmailField(required=False, label="Preview as subscriber (e-mail address)")


class ActionForm(forms.Form):
    """A button: approve, send a test, release uncertain copies."""
