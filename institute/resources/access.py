"""Authorisation rules for the resource hub's named URLs.

The hub, its resources, collections, podcast series and feeds are Wagtail pages and routes
served by the page tree, open to everyone; the members-only part of a resource is decided
inside the page by ``selectors.can_read_members_content``. The room adds no named URL
patterns of its own, so it has no rule to declare here.
"""

RULES = {}
