from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import views

app_name = "core"

urlpatterns = [
    path("topics/", views.topic_index, name="topics"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, name="sitemap"),
]
