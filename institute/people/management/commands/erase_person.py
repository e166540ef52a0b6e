"""Erase a person at their request made to staff (by e-mail, letter or phone).

The same erasure as the member's own ``/account/delete/``: every room's personal data, then
the account anonymised, a confirmation e-mailed, and an erasure record kept that says staff
carried it out — without saying who was erased.
"""

from django.core.management.base import BaseCommand, CommandError

from institute.people.models import ErasureRecord, User
from institute.people.services import account_erase


class Command(BaseCommand):
    help = "Erase the person with this e-mail address (asks for confirmation unless --yes)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, email, yes, **options):
        user = User.objects.filter(email__iexact=email.strip(), erased_at__isnull=True).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {email!r}.")
        if not yes:
            answer = input(f"Erase {user.get_full_name() or user.email} <{user.email}>? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Nothing erased.")
        record = account_erase(user=user, requested_by=ErasureRecord.RequestedBy.STAFF)
        sections = ", ".join(record.sections)
        self.stdout.write(self.style.SUCCESS(f"Erased. Sections: {sections}."))
