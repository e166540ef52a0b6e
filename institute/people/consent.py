"""The words a person agrees to for each kind of communication, with their version.

When the wording changes, bump the version: consents already given keep the version and
words they were given under, and the profile asks again only if the meaning changed.
"""

from dataclasses import dataclass

from .models import Consent


@dataclass(frozen=True)
class Wording:
    version: str
    text: str
    label: str


WORDING = {
    Consent.Purpose.NEWSLETTER: Wording(
        version="2026-11",
        label="Send me the weekly newsletter",
        text=(
            "Send me the Friday digest of new resources, news and upcoming events on the "
            "topics I follow. I can unsubscribe at any time."
        ),
    ),
    Consent.Purpose.EVENT_REMINDERS: Wording(
        version="2026-11",
        label="Send me event reminders",
        text=(
            "Remind me by e-mail about events, training and webinars I have booked, and tell "
            "me when a place on a waiting list opens. I can stop these at any time."
        ),
    ),
}
