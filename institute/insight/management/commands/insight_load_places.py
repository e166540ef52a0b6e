"""Load or refresh the UK's local authority areas (GSS codes and names) from the data file."""

from django.core.management.base import BaseCommand

from institute.insight.services import places_load


class Command(BaseCommand):
    help = "Create or update places from institute/insight/data/uk_local_authority_districts.csv."

    def handle(self, *args, **options):
        created, updated = places_load()
        self.stdout.write(f"Places: {created} created, {updated} updated.")
