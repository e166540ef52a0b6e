"""Open Badges 2.0 (hosted verification): each certificate is an Assertion at
``/academy/certificates/<code>/badge.json``, pointing to its programme's BadgeClass and
the Institute's Issuer profile, each a JSON file at its own address built from
``BASE_URL`` (the ``id`` of each is the address it is served at, as hosted verification
requires). See docs/academy.md ("Certificates and badges")."""

from django.urls import reverse

from institute.core.canonical import absolute_url, page_url

CONTEXT = "https://w3id.org/openbadges/v2"
ISSUER_NAME = "Institute"


def issuer_url() -> str:
    return absolute_url(reverse("academy:badge_issuer"))


def badge_class_url(programme_id) -> str:
    return absolute_url(reverse("academy:badge_class", args=[programme_id]))


def assertion_url(code) -> str:
    return absolute_url(reverse("academy:badge", args=[code]))


def issuer() -> dict:
    return {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": issuer_url(),
        "name": ISSUER_NAME,
        "url": absolute_url("/"),
        "email": "academy@institute.example",
    }


def badge_class(programme) -> dict:
    return {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": badge_class_url(programme.pk),
        "name": f"{programme.title} — Leadership Academy",
        "description": programme.summary or f"Completed {programme.title}.",
        "image": absolute_url(reverse("academy:badge_image", args=[programme.pk])),
        "criteria": {
            "id": page_url(programme),
            "narrative": programme.badge_criteria
            or f"Attended at least {programme.sessions_to_complete} session"
            f"{'s' if programme.sessions_to_complete != 1 else ''} of a cohort of "
            f"{programme.title}.",
        },
        "issuer": issuer_url(),
    }


def assertion(certificate) -> dict:
    data = {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": assertion_url(certificate.code),
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": certificate.salt,
            "identity": certificate.recipient_identity,
        },
        "badge": badge_class_url(certificate.programme_id),
        "verification": {"type": "hosted"},
        "issuedOn": certificate.issued_at.isoformat(),
        "evidence": absolute_url(reverse("academy:certificate", args=[certificate.code])),
    }
    if certificate.revoked_at:
        data["revoked"] = True
        data["revocationReason"] = certificate.revocation_reason
    return data
