"""The e-mails an application sends at each step, the certificate's and coaching's (plain
text). Coaching notes are private to the coach and the participant and never go by e-mail."""

from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from institute.core.canonical import absolute_url, page_url
from institute.events import selectors as calendar

from .models import Application, Certificate, CoachingSession

SUBJECTS = {
    "submitted": "We have your application: {title}",
    "accepted": "You have a place: {title}",
    "waitlisted": "You are on the waiting list: {title}",
    "declined": "Your application: {title}",
    "withdrawn": "Your application is withdrawn: {title}",
}


def send_application_notice(application_id: int, notice: str) -> None:
    application = (
        Application.objects.select_related("cohort", "user").filter(pk=application_id).first()
    )
    if application is None or application.user is None or not application.user.email:
        return
    cohort = application.cohort
    programme = cohort.get_parent()
    title = f"{programme.title}, {cohort.title}"
    context = {
        "application": application,
        "cohort": cohort,
        "programme": programme,
        "notice": notice,
        "cohort_url": page_url(cohort),
        "mine_url": absolute_url(reverse("academy:mine")),
        "name": application.user.get_full_name() or application.user.email,
    }
    message = EmailMessage(
        subject=SUBJECTS[notice].format(title=title),
        body=render_to_string("academy/emails/application_notice.txt", context),
        to=[application.user.email],
    )
    if notice == "accepted":
        # The cohort's sessions as a calendar file, the same the calendar serves.
        item_ids = list(cohort.sessions.values_list("calendar_item_id", flat=True))
        document = calendar.training_items_calendar(item_ids=item_ids, name=title)
        if document:
            message.attach("sessions.ics", document, "text/calendar; charset=utf-8")
    message.send()


def send_certificate_notice(certificate_id: int) -> None:
    certificate = (
        Certificate.objects.select_related("user", "programme").filter(pk=certificate_id).first()
    )
    if certificate is None or certificate.user is None or not certificate.user.email:
        return

    url = absolute_url(reverse("academy:certificate", args=[certificate.code]))
    send_mail(
        subject=f"Your certificate: {certificate.programme.title}",
        message=render_to_string(
            "academy/emails/certificate_notice.txt",
            {
                "certificate": certificate,
                "url": url,
                "badge_url": absolute_url(reverse("academy:badge", args=[certificate.code])),
            },
        ),
        from_email=None,
        recipient_list=[certificate.user.email],
    )


COACHING_SUBJECTS = {
    "requested": "A coaching session is requested",
    "booked": "Your coaching session is confirmed",
    "cancelled": "Your coaching session is cancelled",
}


def send_coaching_notice(session_id: int, notice: str) -> None:
    """A request goes to the coach; a confirmation or cancellation to the participant."""
    session = (
        CoachingSession.objects.select_related("coach__user", "participant")
        .filter(pk=session_id)
        .first()
    )
    if session is None or session.participant is None or notice not in COACHING_SUBJECTS:
        return
    coach, participant = session.coach.user, session.participant
    to = coach if notice == "requested" else participant
    if not to.email:
        return
    send_mail(
        subject=COACHING_SUBJECTS[notice],
        message=render_to_string(
            "academy/emails/coaching_notice.txt",
            {
                "session": session,
                "notice": notice,
                "name": to.get_full_name() or to.email,
                "coach_name": coach.get_full_name() or coach.email,
                "participant_name": participant.get_full_name() or participant.email,
                "url": absolute_url(reverse("academy:coaching_session", args=[session.pk])),
            },
        ),
        from_email=None,
        recipient_list=[to.email],
    )
