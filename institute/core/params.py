"""Numbers from a request: every view and form turns request text into a number here.

Python's own tests are too lenient for text from outside: ``str.isdigit()`` accepts "²" and
"①", which ``int()`` then refuses; ``int()`` accepts "٣", " 7 " and "1_000"; and a number
past the database's 64-bit integers overflows SQLite (an ``__in`` lookup is not guarded by
Django). Here a number is ASCII digits only, within bounds, and anything else is "no
number", which each caller turns into its own clear message or default (``docs/architecture.md``,
"Bad input").
"""

import re

from django import forms
from django.db.models import Model

# Ids are BigAutoField (settings.DEFAULT_AUTO_FIELD): positive, below 2**63 on every database.
MAX_ID = 2**63 - 1
# Longer than any bounded number needs; no longer, so a huge string costs nothing to refuse.
_DIGITS = re.compile(r"[0-9]{1,19}", re.ASCII)


def whole_number(raw, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """The whole number ``raw`` spells in ASCII digits within [minimum, maximum], else None.

    Surrounding spaces are allowed; signs, other scripts' digits, separators and anything
    out of bounds are not.
    """
    if isinstance(raw, int) and not isinstance(raw, bool):
        number = raw
    elif isinstance(raw, str) and _DIGITS.fullmatch(text := raw.strip()):
        number = int(text)
    else:
        return None
    return number if minimum <= number <= maximum else None


def page_number(params, name: str = "page") -> int | None:
    """A listing's page number from a query dict, or None (for Django's ``get_page``: page 1)."""
    return whole_number(params.get(name, ""), minimum=1)


class ModelIdsField(forms.ModelMultipleChoiceField):
    """A multiple model choice by id, each id checked as a number before the database sees it.

    Django's own field sends every submitted value into an ``__in`` lookup, where an id past
    64 bits overflows SQLite; here it is Django's ordinary "not a valid value" error.
    """

    def clean(self, value):
        if isinstance(value, (list, tuple)):
            for pk in value:
                if whole_number(pk, minimum=1) is None:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": str(pk)[:40]},
                    )
        return super().clean(value)


class ModelIdField(forms.ModelChoiceField):
    """A model choice by id, the id checked as a number before the database sees it."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, Model) and whole_number(value, minimum=1) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class WholeNumberField(forms.IntegerField):
    """A bounded whole number in ASCII digits (Django's own field also takes "٣" and "1_000")."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = whole_number(value)
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number
