"""Import an earlier year's answers from CSV or XLSX (long or wide layout)."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from institute.benchmarking.importer import ImportFileError, import_answers
from institute.benchmarking.models import Cycle
from institute.benchmarking.services import cycle_results_recompute


class Command(BaseCommand):
    help = "Import a year's answers for one module from a CSV or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--module", required=True, help="module key, e.g. user-skills")
        parser.add_argument(
            "--module-version", type=int, dest="module_version", help="default: the latest"
        )
        parser.add_argument("--dry-run", action="store_true", help="validate only")

    def handle(self, *args, file, year, module, module_version, dry_run, **options):
        if not 1900 <= year <= 2200:
            raise CommandError("--year must be a year such as 2019")
        started = time.perf_counter()
        try:
            report = import_answers(
                file,
                year=year,
                module_key=module,
                version=module_version,
                dry_run=dry_run,
                progress=self._progress,
            )
        except ImportFileError as exc:
            raise CommandError(f"{file}: {exc}") from exc
        self.stdout.write(
            f"{report.layout} layout: {report.rows:,} rows, {report.responses:,} responses, "
            f"{report.answers:,} answers"
        )
        if report.error_count:
            for row, column, message in report.errors:
                self.stderr.write(f"row {row}, column {column}: {message}")
            more = report.error_count - len(report.errors)
            if more > 0:
                self.stderr.write(f"… and {more:,} more errors")
            raise CommandError(f"{report.error_count:,} errors; nothing was imported")
        if report.refusal:
            raise CommandError(f"{file}: {report.refusal}; nothing was imported")
        if dry_run:
            self.stdout.write("Dry run: the file is valid; nothing was written.")
            return
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Imported in {elapsed:.1f} s ({report.answers / elapsed:,.0f} answers/s)."
        )
        cycle = Cycle.objects.get(year=year)
        if cycle.status == Cycle.Status.CLOSED:
            cycle_results_recompute(cycle=cycle)
            self.stdout.write(f"Results of {year} are being recomputed.")

    def _progress(self, done, total):
        width = 30
        filled = int(width * done / total) if total else width
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} answers")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()
