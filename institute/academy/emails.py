"""The e-mails an application sends at each step, and the certificate's (plain text)."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from institute.core.canonical import absolute_url, page_url

from .models import Application, Certificate

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
    send_mail(
        subject=SUBJECTS[notice].format(title=title),
        message=render_to_string("academy/emails/application_notice.txt", context),
        from_email=None,
        recipient_list=[application.user.email],
    )


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
