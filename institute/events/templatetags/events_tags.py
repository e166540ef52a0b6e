from django import template

register = template.Library()


@register.filter
def places_left(occurrence):
    """Places left at an occurrence annotated with ``confirmed`` (never below zero)."""
    return max(occurrence.item.capacity - getattr(occurrence, "confirmed", 0), 0)
