"""Load a module definition file (YAML or JSON) as a new module version."""

from django.core.management.base import BaseCommand, CommandError

from institute.benchmarking.definitions import DefinitionError, read_definition
from institute.benchmarking.services import module_load


class Command(BaseCommand):
    help = "Load a benchmarking module definition (YAML or JSON) as a new version."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="definition files")

    def handle(self, *args, files, **options):
        for path in files:
            try:
                version, created = module_load(definition=read_definition(path))
            except DefinitionError as exc:
                raise CommandError(f"{path}: {exc}") from exc
            questions = version.questions.count()
            state = "loaded" if created else "already loaded, unchanged"
            self.stdout.write(f"{version} ({questions} questions): {state}")
