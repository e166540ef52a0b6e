"""The filters and choices of place insight's pages (GET forms, read through Django forms)."""

from django import forms

from institute.core.params import WholeNumberField

SORTS = {
    "rank": "Rank",
    "name": "Name",
    "score": "Index score",
}


class ListingForm(forms.Form):
    """What the index page's table shows: its version and year, its filters and its order."""

    version = WholeNumberField(required=False, min_value=1, max_value=10_000)
    year = WholeNumberField(required=False, min_value=1990, max_value=2100)
    nation = forms.ChoiceField(required=False, choices=[("", "All nations")])
    q = forms.CharField(required=False, max_length=100, label="Place name contains")
    sort = forms.ChoiceField(required=False, choices=list(SORTS.items()))
    order = forms.ChoiceField(
        required=False, choices=[("asc", "Ascending"), ("desc", "Descending")]
    )

    def __init__(self, *args, nations=(), dimensions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nation"].choices = [("", "All nations")] + [(n, n) for n in nations]
        self.fields["sort"].choices = list(SORTS.items()) + [(d.key, d.name) for d in dimensions]


class RunForm(forms.Form):
    version = WholeNumberField(required=False, min_value=1, max_value=10_000)
    year = WholeNumberField(required=False, min_value=1990, max_value=2100)


class CompareForm(RunForm):
    """Two to five places to compare, by GSS code."""

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a place")] + list(places)
        for i in range(1, 6):
            self.fields[f"p{i}"] = forms.ChoiceField(
                required=False, choices=choices, label=f"Place {i}"
            )

    def clean(self):
        data = super().clean()
        codes = []
        for i in range(1, 6):
            code = data.get(f"p{i}")
            if code and code not in codes:
                codes.append(code)
        data["codes"] = codes
        if self.is_bound and len(codes) < 2:
            raise forms.ValidationError("Choose at least two different places to compare.")
        return data


class UploadForm(forms.Form):
    """Staff upload a year of indicator values (the command's checks, in the admin)."""

    file = forms.FileField(help_text="CSV or XLSX, long (place, indicator, value) or wide.")
    year = WholeNumberField(min_value=1990, max_value=2100)
    dry_run = forms.BooleanField(required=False, initial=True, label="Check only (dry run)")
