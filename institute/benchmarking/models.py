"""Benchmarking: modules as versioned data, yearly cycles, anonymous responses, results.

Answers live in a narrow table (one row per response × question × chosen value) so that a
cycle's figures come from one grouped scan, and 25 years of history load by bulk insert.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from institute.people.models import Organisation


class Module(models.Model):
    """A survey or metric module, e.g. *User skills*; its questions live in its versions."""

    class Level(models.TextChoices):
        END_USER = "end-user", "End-user survey"
        ORGANISATION = "organisation", "Organisation metrics (filled in by the coordinator)"

    key = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=150)
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.END_USER)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class ModuleVersion(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    definition = models.JSONField(help_text="The definition file as loaded.")
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["module__title", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["module", "version"], name="unique_module_version")
        ]

    def __str__(self):
        return f"{self.module.title} v{self.version}"


class Section(models.Model):
    module_version = models.ForeignKey(
        ModuleVersion, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True)

    class Meta:
        ordering = ["module_version", "position"]

    def __str__(self):
        return self.title


class Question(models.Model):
    """One question of one module version; ``key`` stays the same across versions."""

    class Type(models.TextChoices):
        AGREEMENT = "agreement", "Agreement scale (1–5)"
        YES_NO = "yes-no", "Yes / no"
        SINGLE = "single", "Single choice"
        MULTIPLE = "multiple", "Multiple choice"
        NUMBER = "number", "Number"
        TEXT = "text", "Free text"

    module_version = models.ForeignKey(
        ModuleVersion, on_delete=models.CASCADE, related_name="questions"
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(max_length=80)
    position = models.PositiveIntegerField()
    text = models.CharField(max_length=300)
    # The short phrase headline findings use: "can use the internet to find solutions …".
    finding = models.CharField(max_length=300, blank=True)
    help_text = models.CharField(max_length=300, blank=True)
    type = models.CharField(max_length=20, choices=Type.choices)
    # [{"value": 1, "label": "Strongly disagree"}, …]; values are numbers.
    options = models.JSONField(default=list, blank=True)
    favourable = models.JSONField(default=list, blank=True, help_text="Values that count as good.")
    topic_slug = models.SlugField(max_length=80, blank=True)
    required = models.BooleanField(default=True)

    class Meta:
        ordering = ["module_version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["module_version", "key"], name="unique_question_key")
        ]

    def __str__(self):
        return self.text

    @property
    def option_labels(self):
        return {float(o["value"]): o["label"] for o in self.options}


class Cycle(models.Model):
    """A benchmarking year: its modules and participating organisations.

    Its status only moves forward, draft → open → closed → published, through the services
    (``services.cycle_open`` and the rest, each under a lock on this row).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        PUBLISHED = "published", "Published"

    year = models.PositiveIntegerField(unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    module_versions = models.ManyToManyField(ModuleVersion, related_name="cycles", blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Results are being computed while the last request is later than the last computation.
    results_requested_at = models.DateTimeField(null=True, blank=True)
    results_computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self):
        return f"Benchmarking {self.year}"

    def get_absolute_url(self):
        return reverse("benchmarking:summary", kwargs={"year": self.year})

    # Closed and published cycles have results: reports and trends read both.
    WITH_RESULTS = (Status.CLOSED, Status.PUBLISHED)

    @property
    def has_results(self) -> bool:
        return self.status in self.WITH_RESULTS and self.results_computed_at is not None

    @property
    def results_pending(self) -> bool:
        return self.results_requested_at is not None and (
            self.results_computed_at is None or self.results_requested_at > self.results_computed_at
        )


class Participant(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="benchmarking_participations"
    )

    class Meta:
        ordering = ["cycle", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "organisation"], name="unique_participant")
        ]

    def __str__(self):
        return f"{self.organisation} in {self.cycle}"


def new_link_token():
    return secrets.token_urlsafe(18)


class SurveyLink(models.Model):
    """The anonymous link a coordinator shares with its end-users, one per module."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="links")
    module_version = models.ForeignKey(ModuleVersion, on_delete=models.CASCADE)
    token = models.CharField(max_length=40, unique=True, default=new_link_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "module_version"], name="unique_link")
        ]

    def __str__(self):
        return f"{self.module_version} for {self.participant.organisation}"

    def get_absolute_url(self):
        return reverse("benchmarking:survey", kwargs={"token": self.token})


class Response(models.Model):
    """One end-user's submitted survey; never edited. Holds no personal data."""

    link = models.ForeignKey(
        SurveyLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="responses"
    )
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="responses")
    module_version = models.ForeignKey(ModuleVersion, on_delete=models.CASCADE)
    # Issued with the form; the unique constraint makes a double click or a retried
    # request store the submission once. Imported history has none (NULLs never clash).
    submission_token = models.UUIDField(unique=True, null=True, default=uuid.uuid4)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["participant", "module_version"])]

    def __str__(self):
        return f"Response {self.pk}"


class RangeIndex(models.Index):
    """A block-range index (BRIN) on PostgreSQL, an ordinary index on SQLite.

    For a column whose values follow the order rows are written in, such as the answers'
    response: answers are written response by response, or participant by participant with
    that participant's responses numbered together. A block-range index keeps one small
    summary per range of table pages, so writing a row costs next to nothing, where a B-tree
    costs as much as the row; looking up a response's answers (deleting it) reads the few
    page ranges whose summaries cover it. Page ranges filled since the last summary are
    read on every lookup until summarised: ``autosummarize`` has autovacuum summarise each
    range as it fills.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        statement = super().create_sql(model, schema_editor, using=" USING brin", **kwargs)
        statement.parts["extra"] = " WITH (autosummarize = on)" + statement.parts["extra"]
        return statement


class Answer(models.Model):
    """One value of one response: agreement 1–5, yes 1 / no 0, an option, a number.

    A multiple-choice answer is one row per chosen option. Free text is kept apart.

    The biggest table (30 million rows at scale large) declares its foreign keys to Django
    but not to the database (``db_constraint=False``): a database foreign key checks every
    row on its own — three lookups and row locks per answer, more work than writing the
    answer — where the writers check a whole batch at once. There are two writers, and each
    checks what it writes in its own transaction: a survey submission (``services.
    response_submit``: the response it has just created, its link's participant, its
    version's questions) and the bulk writer (``bulk.write_answers``: one set-based check
    of every reference, its parents locked as a foreign key would lock them). Deletion
    cascades as before: Django collects the answers of a deleted response, participant or
    question itself.
    """

    # Indexed by answer_response_idx, a block-range index on PostgreSQL (see RangeIndex).
    response = models.ForeignKey(
        Response,
        on_delete=models.CASCADE,
        related_name="answers",
        db_index=False,
        db_constraint=False,
    )
    # Repeated from the response so a cycle's figures need no join.
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    # Indexed through answer_tally_idx's use instead: one index fewer on the biggest table.
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    value = models.FloatField()

    class Meta:
        indexes = [
            models.Index(fields=["participant", "question", "value"], name="answer_tally_idx"),
            RangeIndex(fields=["response"], name="answer_response_idx"),
        ]

    def __str__(self):
        return f"{self.question_id}: {self.value}"


class TextAnswer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="texts")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=2000)

    def __str__(self):
        return self.text[:50]


class Result(models.Model):
    """A computed figure for one question of a closed cycle, before disclosure control.

    Pages and exports never read these directly: they go through ``disclosure.disclose``.
    """

    class Scope(models.TextChoices):
        ORGANISATION = "organisation", "Organisation"
        SECTOR = "sector", "Sector"
        TYPE = "type", "Same organisation type"
        REGION = "region", "Same region"

    # The cycle, participant and key are indexed by the Meta indexes below (each leads one),
    # not by an index of their own as well: three indexes fewer to rebuild on every store.
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="results", db_index=False
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="results")
    key = models.SlugField(max_length=80, db_index=False)  # the question's stable key, for trends
    scope = models.CharField(max_length=20, choices=Scope.choices)
    participant = models.ForeignKey(
        Participant,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="results",
        db_index=False,
    )
    group = models.CharField(max_length=40, blank=True)  # organisation type or region
    n = models.PositiveIntegerField()
    organisations = models.PositiveIntegerField()
    mean = models.FloatField(null=True)
    favourable = models.PositiveIntegerField(null=True)
    share = models.FloatField(null=True)
    ci_low = models.FloatField(null=True)
    ci_high = models.FloatField(null=True)
    distribution = models.JSONField(default=dict)  # {"value": count}
    quartile = models.PositiveSmallIntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["cycle", "scope", "group"]),
            models.Index(fields=["participant"]),
            models.Index(fields=["key", "scope"]),
        ]

    def __str__(self):
        return f"{self.key} ({self.scope} {self.group}) in cycle {self.cycle_id}"


class Action(models.Model):
    """A step of a participant's action plan, taken from one finding of its report."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in-progress", "In progress"
        DONE = "done", "Done"

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="actions")
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=200)
    owner = models.CharField(max_length=150, help_text="Who will see it through (a role).")
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    notes = models.TextField(blank=True, max_length=4000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self):
        return self.title


def _import_storage():
    # Uploaded answer files are confidential: kept outside the public media directory.
    from django.core.files.storage import FileSystemStorage

    return FileSystemStorage(location=settings.DATA_DIR / "benchmarking-imports")


class HistoryImport(models.Model):
    """A file of earlier answers: checked (the dry run), then written once staff confirm.

    ``fingerprint`` identifies the answers the file holds, whatever the file format, so a
    second import of the same answers is recognised (``importer.import_answers``).
    """

    class Status(models.TextChoices):
        INVALID = "invalid", "Has errors"
        CHECKED = "checked", "Checked, waiting for confirmation"
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    file = models.FileField(upload_to="%Y/", storage=_import_storage, blank=True)
    original_name = models.CharField(max_length=255)
    year = models.PositiveIntegerField()
    module_version = models.ForeignKey(ModuleVersion, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKED)
    report = models.JSONField(default=dict, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    stage = models.CharField(max_length=100, blank=True)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.original_name} ({self.year}, {self.module_version})"


def _report_storage():
    # An organisation's report is confidential: its PDF is kept outside the public media
    # directory. Several machines share one with a "benchmarking_reports" entry in STORAGES.
    from django.core.files.storage import FileSystemStorage, storages

    if "benchmarking_reports" in settings.STORAGES:
        return storages["benchmarking_reports"]
    return FileSystemStorage(location=settings.DATA_DIR / "benchmarking-reports")


class ReportPdf(models.Model):
    """A report's PDF, laid out in the background (``tasks.make_report_pdf``).

    ``version`` fingerprints everything the PDF shows (``report_pdfs.report_pdf_version``):
    the results of every closed year, the cycle's publication and the action plan's
    figures. A new version makes a new PDF; the old ones are retired.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be made"

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="pdfs")
    version = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to="%Y/", storage=_report_storage, blank=True)
    reason = models.TextField(blank=True, help_text="Why the PDF could not be made.")
    requested_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "version"], name="benchmarking_one_pdf_per_report_version"
            )
        ]

    def __str__(self):
        return f"PDF of {self.participant} ({self.get_status_display()})"
