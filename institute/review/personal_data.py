"""The year in review's entry in the personal-data registry (``institute/people/privacy.py``):
which reviews a member of staff froze. An erasure keeps the freeze (the published figures)
and removes who made it."""

from institute.people import privacy

from .models import Freeze


def export(user):
    return [
        {"review": f.page.title, "year": f.page.year, "frozen_at": f.frozen_at.isoformat()}
        for f in Freeze.objects.filter(frozen_by=user).select_related("page").order_by("pk")
    ]


def erase(user):
    Freeze.objects.filter(frozen_by=user).update(frozen_by=None)


def register_with_roof():
    privacy.register(
        privacy.PersonalData(
            key="review", title="Years in review you froze", export=export, erase=erase
        )
    )
