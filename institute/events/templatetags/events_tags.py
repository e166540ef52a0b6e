from django import template

from .. import selectors

register = template.Library()


@register.filter
def places_left(occurrence):
    """Places left at an occurrence (never below zero), by ``selectors.availability``."""
    return selectors.availability(occurrence=occurrence).places_left
