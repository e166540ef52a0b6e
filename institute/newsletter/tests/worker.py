"""A sending worker in a process of its own, for the tests that kill one mid-send:

    DATABASE_URL=… python -m institute.newsletter.tests.worker <issue id> <SMTP port>

It runs the same ``send_pending`` the background task runs, against a local SMTP server."""

import os
import sys


def main():
    issue_id, port = int(sys.argv[1]), int(sys.argv[2])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "institute.settings.test")
    import django
    from django.conf import settings

    django.setup()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BATCH_SIZE", "5"))
    settings.NEWSLETTER_CLAIM_TIMEOUT = int(os.environ.get("NEWSLETTER_CLAIM_TIMEOUT", "1"))
    settings.NEWSLETTER_RATE = float(os.environ.get("NEWSLETTER_RATE", "0"))
    from institute.newsletter.sending import send_pending

    totals, _ = send_pending(issue_id=issue_id)
    print(totals, flush=True)


if __name__ == "__main__":
    main()
