"""The roof's content models, one module per concern."""

from .chrome import FooterLink, MenuItem, SiteChrome
from .news import NewsIndexPage, NewsPage, NewsPageAuthor
from .pages import HomePage, HomePageHighlight, StandardPage
from .topics import Topic

__all__ = [
    "FooterLink",
    "HomePage",
    "HomePageHighlight",
    "MenuItem",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageAuthor",
    "SiteChrome",
    "StandardPage",
    "Topic",
]
