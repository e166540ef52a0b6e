"""sitemap.xml: every live public page (Wagtail's sitemap, with lastmod) and the topic pages."""

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from .models import Topic


class TopicSitemap(DjangoSitemap):
    changefreq = "weekly"

    def items(self):
        return Topic.objects.order_by("slug")

    def location(self, item):
        return item.get_absolute_url()


SITEMAPS = {"pages": PageSitemap, "topics": TopicSitemap}
