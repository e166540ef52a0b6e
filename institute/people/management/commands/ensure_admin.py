"""Create the local admin account once and print how to sign in.

The generated password is kept in ``var/admin-credentials.txt`` (outside git) so that every
``make run`` can print it again; an existing account is never changed.
"""

import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand

from institute.people.models import User

EMAIL = "admin@institute.example"


class Command(BaseCommand):
    help = "Create a local superuser (if missing) and print its credentials."

    def handle(self, *args, **options):
        store = settings.DATA_DIR / "admin-credentials.txt"
        user = User.objects.filter(email=EMAIL).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_superuser(
                username="admin",
                email=EMAIL,
                password=password,
                first_name="Site",
                last_name="Administrator",
            )
            EmailAddress.objects.update_or_create(
                user=user, email=EMAIL, defaults={"verified": True, "primary": True}
            )
            store.write_text(password)
            store.chmod(0o600)
        password = store.read_text().strip() if store.exists() else "(unchanged — set earlier)"
        admin_url = f"{settings.WAGTAILADMIN_BASE_URL}/admin/"
        message = f"Admin account: {EMAIL} / {password}  —  sign in at {admin_url}"
        self.stdout.write(self.style.SUCCESS(message))
