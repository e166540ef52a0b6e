"""Forms of the benchmarking room: the survey (built from a module version) and actions."""

from django import forms
from django.core.validators import FileExtensionValidator

from institute.core.params import WholeNumberField

from .models import Action, ModuleVersion, Question


def field_name(question) -> str:
    return f"q-{question.key}"


def _choices(question):
    return [(_value(o["value"]), o["label"]) for o in question.options]


def _value(v) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


# What an unanswered required question says, at the question and in the error summary.
_REQUIRED = {
    Question.Type.MULTIPLE: "Choose at least one answer",
    Question.Type.NUMBER: "Enter a number",
    Question.Type.TEXT: "Enter your answer",
}


def question_field(question) -> forms.Field:
    common = {
        "label": question.text,
        "help_text": question.help_text,
        "error_messages": {"required": _REQUIRED.get(question.type, "Choose an answer")},
    }
    required = question.required
    if question.type in (Question.Type.AGREEMENT, Question.Type.YES_NO, Question.Type.SINGLE):
        return forms.TypedChoiceField(
            choices=_choices(question),
            coerce=float,
            empty_value=None,
            widget=forms.RadioSelect,
            required=required,
            **common,
        )
    if question.type == Question.Type.MULTIPLE:
        return forms.TypedMultipleChoiceField(
            choices=_choices(question),
            coerce=float,
            widget=forms.CheckboxSelectMultiple,
            required=required,
            **common,
        )
    if question.type == Question.Type.NUMBER:
        return forms.FloatField(required=required, min_value=0, max_value=1e9, **common)
    return forms.CharField(
        required=required, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}), **common
    )


class SurveyForm(forms.Form):
    """The questions of some sections of a module version, named by their stable keys.

    Each page validates only its own section; answers of the other sections travel along as
    hidden inputs, so the survey needs no session and no JavaScript.
    """

    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[field_name(question)] = question_field(question)

    def answers(self) -> dict:
        """Cleaned answers keyed by Question (after ``is_valid()``)."""
        return {q: self.cleaned_data.get(field_name(q)) for q in self.questions}


def carried_values(data, questions) -> list[tuple[str, str]]:
    """(name, value) pairs of other sections' answers to carry as hidden inputs."""
    pairs = []
    for question in questions:
        name = field_name(question)
        for value in data.getlist(name):
            if value != "":
                pairs.append((name, value[:2000]))
    return pairs


class SurveyStepForm(forms.Form):
    """Where a survey post comes from and which button was pressed (unknown: first, next)."""

    step = WholeNumberField(required=False, min_value=0, max_value=1000)
    action = forms.ChoiceField(
        required=False, choices=[("back", "Back"), ("next", "Next"), ("submit", "Submit")]
    )

    def step_and_action(self, *, steps: int) -> tuple[int, str]:
        self.is_valid()
        step = self.cleaned_data.get("step") or 0
        return min(step, steps - 1), self.cleaned_data.get("action") or "next"


class FindingForm(forms.Form):
    """The finding an action plan is opened from (``?question=<key>``); CharField refuses NUL."""

    question = forms.CharField(required=False, max_length=80)

    def key(self) -> str:
        return self.cleaned_data["question"] if self.is_valid() else ""


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["title", "owner", "due_date", "status", "notes"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}
        help_texts = {"due_date": "For example 31/03/2024 (day/month/year)."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_date"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]


class HistoryUploadForm(forms.Form):
    """Staff upload a year's answers for one module (``docs/benchmarking.md``)."""

    file = forms.FileField(
        label="File of answers",
        help_text="CSV (UTF-8) or XLSX, long or wide layout, as docs/benchmarking.md describes.",
        validators=[FileExtensionValidator(["csv", "xlsx"])],
    )
    year = forms.IntegerField(min_value=1900, max_value=2200)
    module_version = forms.ModelChoiceField(
        queryset=ModuleVersion.objects.select_related("module"), label="Module version"
    )
