from django.core.management.base import BaseCommand

from institute.membership import services
from institute.membership.tasks import membership_daily


class Command(BaseCommand):
    help = (
        "Record the membership statuses time brought and send renewal reminders now "
        "(--enqueue: hand the daily task to the worker, which then schedules itself)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            membership_daily.enqueue(reschedule=True)
            self.stdout.write("Enqueued the daily membership task.")
            return
        changed = services.membership_statuses_refresh()
        sent = services.renewal_reminders_send()
        self.stdout.write(f"{changed} status changes recorded, {sent} reminders sent.")
