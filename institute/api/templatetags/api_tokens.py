"""The profile page's section on access tokens, filled by the API app's own selectors."""

from django import template

from ..selectors import tokens_of

register = template.Library()


@register.inclusion_tag("api/profile_tokens.html")
def api_tokens_section(user):
    return {"tokens": tokens_of(user=user)}
