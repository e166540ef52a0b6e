"""Import a year's indicator values from a CSV or XLSX file (docs/insight.md, "Import")."""

from django.core.management.base import BaseCommand, CommandError

from institute.insight.importer import import_values
from institute.insight.models import FrameworkVersion
from institute.insight.services import framework_weights_compute, scores_compute


class Command(BaseCommand):
    help = "Import indicator values for one year (long or wide layout), then recompute scores."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")

    def handle(self, *args, file, year, dry_run, **options):
        if not 1990 <= year <= 2100:
            raise CommandError("--year must be a year such as 2024")
        report = import_values(file, year=year, dry_run=dry_run)
        if report.error_count:
            for row, column, message in report.errors:
                where = f"row {row}, column {column}" if row else "file"
                self.stderr.write(f"{where}: {message}")
            more = report.error_count - len(report.errors)
            if more > 0:
                self.stderr.write(f"… and {more:,} more errors")
            raise CommandError(f"{report.error_count:,} errors; nothing was imported")
        if report.refusal:
            raise CommandError(f"{file}: {report.refusal}; nothing was imported")
        self.stdout.write(f"{report.layout} layout: {report.rows:,} rows, {report.values:,} values")
        if dry_run:
            self.stdout.write("Dry run: the file is valid; nothing was written.")
            return
        self.stdout.write(f"Written: {report.created:,} new values, {report.updated:,} replaced.")
        for version in FrameworkVersion.objects.all():
            framework_weights_compute(version=version, year=year)
            run = scores_compute(version=version, year=year)
            self.stdout.write(
                f"Scores of {year} by version {version.number}: {run.places:,} places."
            )
