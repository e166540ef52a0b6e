from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import views
from .sitemaps import SITEMAPS

app_name = "core"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("topics/", views.topic_index, name="topics"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("styleguide/", views.styleguide, name="styleguide"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
