"""The site chrome editors manage: the main menu and the footer (Settings › Menu and footer)."""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable

from .links import Link


@register_setting(icon="list-ul")
class SiteChrome(ClusterableModel, BaseGenericSetting):
    """One record for the whole site, so the header and footer cost two queries each at most."""

    footer_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="A short line under the footer links, e.g. the charity's registered details.",
    )

    edit_handler = TabbedInterface(
        [
            ObjectList([InlinePanel("menu_items", label="Menu item")], heading="Main menu"),
            ObjectList(
                [InlinePanel("footer_links", label="Footer link"), FieldPanel("footer_text")],
                heading="Footer",
            ),
        ]
    )

    class Meta:
        verbose_name = "menu and footer"


class MenuItem(Orderable, Link):
    chrome = ParentalKey(SiteChrome, on_delete=models.CASCADE, related_name="menu_items")


class FooterLink(Orderable, Link):
    chrome = ParentalKey(SiteChrome, on_delete=models.CASCADE, related_name="footer_links")
