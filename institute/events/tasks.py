"""Background work of the calendar: the e-mails that follow a booking."""

from django_tasks import task

from . import emails


@task()
def send_booking_notice(booking_id: int, notice: str) -> None:
    """E-mail a booking's confirmation, waiting-list place or promotion (``notice``)."""
    emails.send_booking_notice(booking_id, notice)
