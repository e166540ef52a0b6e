"""The e-mails a booking sends: confirmation (with the ICS), waiting list, promotion."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from .ics import build_calendar, item_url
from .models import Booking

SUBJECTS = {
    "confirmed": "Your place is booked: {title}",
    "waiting": "You are on the waiting list: {title}",
    "promoted": "A place has come free for you: {title}",
}


def send_booking_notice(booking_id: int, notice: str) -> None:
    booking = (
        Booking.objects.select_related("occurrence__item", "user").filter(pk=booking_id).first()
    )
    if booking is None or booking.user is None or not booking.user.email:
        return
    occurrence = booking.occurrence
    item = occurrence.item
    context = {
        "booking": booking,
        "occurrence": occurrence,
        "item": item,
        "notice": notice,
        "url": item_url(item),
    }
    message = EmailMultiAlternatives(
        subject=SUBJECTS[notice].format(title=item.title),
        body=render_to_string("events/emails/booking_notice.txt", context),
        to=[booking.user.email],
    )
    if booking.status == Booking.Status.CONFIRMED:
        ics = build_calendar([occurrence], name=item.title, joining=True)
        message.attach(f"{item.slug}.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
    message.send()
