from django import forms

from .scopes import Scope


class TokenForm(forms.Form):
    name = forms.CharField(
        label="What is it for?",
        max_length=80,
        help_text="A name to tell it apart, such as “Team dashboard”.",
    )
    scopes = forms.MultipleChoiceField(
        label="What may it do?",
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Reading the calendar, resources and other public data needs no token.",
    )

    def clean_name(self):
        name = self.cleaned_data["name"].replace("\x00", "").strip()
        if not name:
            raise forms.ValidationError("Enter a name.")
        return name


class TokenRevokeForm(forms.Form):
    """Nothing to fill in: the POST itself (with its CSRF token) is the decision."""
