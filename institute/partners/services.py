"""Writes of the partners room: the places reserved for a partner at a calendar item.

The calendar enforces reservations (``events.selectors.availability``, under the booking
service's row lock); this room only keeps how many places each partner has at each item,
and refuses to reserve more places than the item holds."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from institute.events import selectors as calendar

from .models import Partner, PartnerAllocation


def allocation_check(*, partner_id, item_id, places, exclude_pk=None) -> None:
    """Raise ``ValidationError`` unless ``places`` fit: the item exists, and all partners'
    reserved places there stay within its capacity."""
    item = calendar.items_titled(item_ids=[item_id]).get(item_id)
    if item is None:
        raise ValidationError({"item_id": "There is no calendar item with this number."})
    others = (
        PartnerAllocation.objects.filter(item_id=item_id)
        .exclude(pk=exclude_pk)
        .exclude(partner_id=partner_id)
        .aggregate(n=Sum("places"))["n"]
        or 0
    )
    if others + places > item["capacity"]:
        raise ValidationError(
            {
                "places": f"“{item['title']}” holds {item['capacity']} places and "
                f"{others} are already reserved for other partners."
            }
        )


@transaction.atomic
def allocation_set(*, partner: Partner, item_id: int, places: int) -> PartnerAllocation | None:
    """Reserve ``places`` at each occurrence of calendar item ``item_id`` for ``partner``
    (0 removes the allocation). Bookings already made on the reservation stay."""
    allocation = PartnerAllocation.objects.filter(partner=partner, item_id=item_id).first()
    if places == 0:
        if allocation is not None:
            allocation.delete()
        return None
    allocation_check(
        partner_id=partner.pk,
        item_id=item_id,
        places=places,
        exclude_pk=allocation.pk if allocation else None,
    )
    if allocation is None:
        return PartnerAllocation.objects.create(partner=partner, item_id=item_id, places=places)
    allocation.places = places
    allocation.save(update_fields=["places"])
    return allocation
