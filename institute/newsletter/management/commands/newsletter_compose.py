"""Compose this Friday's issue (run it from cron every Friday morning; idempotent)."""

from django.core.management.base import BaseCommand

from institute.newsletter.compose import issue_compose


class Command(BaseCommand):
    help = "Compose this week's newsletter issue as a draft for staff to approve."

    def handle(self, *args, **options):
        issue = issue_compose()
        self.stdout.write(issue.title if issue else "Nothing new this week: no issue (setting).")
