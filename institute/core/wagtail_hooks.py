"""The roof in Wagtail's admin: topics as a snippet (Snippets › Topics), page editing."""

from wagtail import hooks
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Topic
from .models.pages import BasePage


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


class PageCreateView(CreateView):
    """Wagtail's *add page* form without autosave.

    Autosave on a new page creates the page as a draft at the first keystroke, so a form the
    editor abandons leaves a draft behind that then holds its slug. A page is made when the
    editor saves or publishes; once it exists, its edit form autosaves as usual
    (docs/content.md, editing).
    """

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["autosave_enabled"] = False
        context["autosave_indicator"] = None
        return context


class SocietyPageViewSet(PageViewSet):
    """The admin views of every page type of the project (all derive from ``BasePage``)."""

    model = BasePage
    add_view_class = PageCreateView


@hooks.register("register_admin_viewset")
def register_page_viewset():
    return SocietyPageViewSet("society_pages")
