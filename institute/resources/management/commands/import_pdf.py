"""manage.py import_pdf FILE [--type briefing] — a PDF becomes a draft HTML resource."""

from django.core.management.base import BaseCommand, CommandError

from institute.resources.models import ResourceHubPage, ResourceType
from institute.resources.pdf import PdfImportError
from institute.resources.services import resource_import_pdf


class Command(BaseCommand):
    help = (
        "Turn a PDF into a draft resource (title, headings, paragraphs, lists) for an editor "
        "to finish in the admin, and report what could not be converted."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the PDF.")
        parser.add_argument(
            "--type",
            dest="resource_type",
            default=ResourceType.BRIEFING,
            choices=[value for value, _label in ResourceType.choices],
        )

    def handle(self, *args, file, resource_type, **options):
        hub = ResourceHubPage.objects.first()
        if hub is None:
            raise CommandError("There is no resource hub page yet; run manage.py seed_demo.")
        try:
            page, problems = resource_import_pdf(path=file, hub=hub, resource_type=resource_type)
        except PdfImportError as exc:
            raise CommandError(f"{exc} Nothing was created.") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Created draft “{page.title}” with {len(page.body)} blocks. "
                f"Finish it at /admin/pages/{page.pk}/edit/"
            )
        )
        if problems:
            self.stdout.write("Could not convert:")
            for problem in problems:
                self.stdout.write(f"  - {problem}")
