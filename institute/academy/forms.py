"""Forms of the programmes: applying, staff decisions and attendance, the alumni profile and
the directory's filters."""

from django import forms

from institute.core.params import ModelIdsField
from institute.people.models import Region

from .models import AlumniProfile, Application


class ApplicationForm(forms.Form):
    statement = forms.CharField(
        label="Supporting statement",
        help_text="Why you want to take part, and what you and your organisation hope to gain "
        "(up to 3,000 characters).",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=3000,
    )
    manager_agreed = forms.BooleanField(
        label="My line manager agrees to my taking part",
        help_text="Including the time away from work for every session.",
    )
    manager_name = forms.CharField(label="Line manager's name", max_length=150)
    manager_email = forms.EmailField(label="Line manager's e-mail address")

    def clean_statement(self):
        statement = self.cleaned_data["statement"].replace("\x00", "").strip()
        if not statement:
            raise forms.ValidationError("Enter a supporting statement.")
        return statement


DECISION_CHOICES = [
    (Application.Status.ACCEPTED, "Accept"),
    (Application.Status.WAITLISTED, "Put on the waiting list"),
    (Application.Status.DECLINED, "Decline"),
]


class DecisionForm(forms.Form):
    applications = ModelIdsField(
        label="Applications", queryset=Application.objects.all(), required=True
    )
    decision = forms.ChoiceField(choices=DECISION_CHOICES, widget=forms.RadioSelect)
    message = forms.CharField(
        label="Message to the applicants",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Included in the e-mail each applicant receives.",
    )


class AttendanceForm(forms.Form):
    came = ModelIdsField(label="Came", queryset=Application.objects.all(), required=False)


class RevokeForm(forms.Form):
    reason = forms.CharField(label="Reason", max_length=200)


class AlumniProfileForm(forms.ModelForm):
    class Meta:
        model = AlumniProfile
        fields = ["listed", "job_title", "region", "topics", "about"]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "about": forms.Textarea(attrs={"rows": 4}),
        }


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label="Name", required=False, max_length=100)
    programme = forms.TypedChoiceField(label="Programme", required=False, coerce=int)
    year = forms.TypedChoiceField(label="Year", required=False, coerce=int)
    region = forms.ChoiceField(
        label="Region", required=False, choices=[("", "Any region"), *Region.choices]
    )
    topic = forms.TypedChoiceField(label="Topic", required=False, coerce=int)

    def __init__(self, *args, programmes=(), years=(), topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", "Any programme"), *programmes]
        self.fields["year"].choices = [("", "Any year"), *[(y, y) for y in years]]
        self.fields["topic"].choices = [("", "Any topic"), *topics]
