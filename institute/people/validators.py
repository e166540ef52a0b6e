"""What a person's name may be: it is shown on pages and greets people in e-mails.

docs/people.md, "Names": letters in any script, with spaces, hyphens, apostrophes and full
stops between them, up to NAME_MAX_LENGTH characters; nothing that reads as a web address
or an e-mail address. The rule is on the model's fields, so every form that edits a name
(sign-up, the profile, the Wagtail admin) applies it.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

NAME_MAX_LENGTH = 50
_ALLOWED_PUNCTUATION = " -'\u2019."
# A full stop with two letters straight after it reads as a domain ("evil.example");
# initials ("J.R.R.") and "St. John" are names.
_DOMAIN_LIKE = re.compile(r"\.[^\W\d_]{2,}")


def normalise_name(value: str) -> str:
    """Trim and collapse the spaces in a name; compose accents (NFC)."""
    return " ".join(unicodedata.normalize("NFC", value or "").split())


@deconstructible
class PersonNameValidator:
    def __init__(self, label: str = "Name"):
        self.label = label

    def __call__(self, value: str) -> None:
        # Forms tidy spaces first (normalise_name); a line break or tab here is refused.
        if len(value) > NAME_MAX_LENGTH:
            raise ValidationError(
                f"{self.label} must be {NAME_MAX_LENGTH} characters or fewer.",
                code="name_too_long",
            )
        if _DOMAIN_LIKE.search(value) or any(c in value for c in "@/:"):
            raise ValidationError(
                f"{self.label} must not contain a web or e-mail address.",
                code="name_link",
            )
        if not all(_allowed(c) for c in value):
            raise ValidationError(
                f"{self.label} must only include letters, spaces, hyphens, apostrophes "
                "and full stops.",
                code="name_characters",
            )

    def __eq__(self, other):
        return isinstance(other, PersonNameValidator) and other.label == self.label


def _allowed(character: str) -> bool:
    # Letters and the marks that combine with them (accents in decomposed scripts).
    return character in _ALLOWED_PUNCTUATION or unicodedata.category(character)[0] in "LM"


validate_first_name = PersonNameValidator("First name")
validate_last_name = PersonNameValidator("Last name")
