from django import forms


class FreezeForm(forms.Form):
    """Freeze a review's figures (again), or let them follow the data."""

    action = forms.ChoiceField(
        choices=[("freeze", "Freeze the figures as they stand now"), ("thaw", "Unfreeze")],
        widget=forms.HiddenInput,
    )
