"""Send what is due of an approved issue in this process (the task does the same)."""

from django.core.management.base import BaseCommand

from institute.newsletter.sending import send_pending


class Command(BaseCommand):
    help = "Send the due copies of an approved newsletter issue."

    def add_arguments(self, parser):
        parser.add_argument("issue_id", type=int)

    def handle(self, *args, issue_id, **options):
        totals, next_at = send_pending(issue_id=issue_id)
        self.stdout.write(f"{totals}; next: {next_at or 'nothing waits'}")
