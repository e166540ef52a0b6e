"""The roof in Wagtail's admin: topics as a snippet (Snippets › Topics)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "slug", "description"]
    search_fields = ["name", "description"]
    ordering = ["name"]


register_snippet(TopicViewSet)
