import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, PageChooserPanel

# Editors' links may go to the site's own paths and to these schemes only (docs/content.md).
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
# Browsers drop these anywhere in a URL before reading its scheme ("java\tscript:").
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")


def validate_link_url(value):
    """Allow ``/a/path/``, ``https://…``, ``http://…``, ``mailto:…`` and ``tel:…``, nothing else.

    What a browser would run (``javascript:``, ``data:``, ``vbscript:``) or read as another
    site (``//host``, ``/\\host``) is refused, however it is spelt.
    """
    if not value:
        return
    squeezed = _IGNORED_BY_BROWSERS.sub("", value)
    if "\\" in squeezed or squeezed != value.strip():
        raise ValidationError(
            "Remove the spaces, tabs or backslashes from this address.", code="link_characters"
        )
    if squeezed.startswith("/"):
        if squeezed.startswith("//"):
            raise ValidationError(
                "Start a link to another site with https://.", code="link_scheme_relative"
            )
        return
    parts = urlsplit(squeezed)
    scheme = parts.scheme.lower()
    if scheme not in LINK_SCHEMES:
        raise ValidationError(
            "Use a path of this site (/calendar/), a full address (https://…), "
            "an e-mail address (mailto:…) or a telephone number (tel:…).",
            code="link_scheme",
        )
    if scheme in {"http", "https"} and not parts.netloc:
        raise ValidationError(
            "Give the whole address, e.g. https://example.org/.", code="link_host"
        )


def page_at_path(path):
    """The live page of the default site at ``path`` (``/about/``), or None."""
    from wagtail.models import Page, Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or not path.startswith("/"):
        return None
    path = path.split("?", 1)[0].split("#", 1)[0]
    url_path = site.root_page.url_path + path.lstrip("/")
    if not url_path.endswith("/"):
        url_path += "/"
    return Page.objects.live().filter(url_path=url_path).first()


class Link(models.Model):
    """An editor-made link: a label and either a page of the site or a URL (never both).

    A page is the rule: the link follows it when it moves. A URL is for what the page tree
    does not hold (the rooms' own paths such as /benchmarking/, other sites, mailto:, tel:).
    """

    label = models.CharField(max_length=60)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="page",
        help_text="A page of the site: the link follows the page if it moves.",
    )
    link_url = models.CharField(
        "or URL",
        max_length=300,
        blank=True,
        validators=[validate_link_url],
        help_text="Only for what is not a page: a path such as /benchmarking/, a full address "
        "(https://…), mailto: or tel:.",
    )

    panels = [FieldPanel("label"), PageChooserPanel("link_page"), FieldPanel("link_url")]

    class Meta:
        abstract = True

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError({"link_url": "Choose a page or give a URL, not both."})
        page = page_at_path(self.link_url) if self.link_url else None
        if page is not None:
            raise ValidationError(
                {
                    "link_url": f"This address is the page “{page.title}”: choose it as the "
                    "page instead, so the link follows the page if it moves."
                }
            )

    def get_url(self, request=None):
        if self.link_page_id:
            return self.link_page.get_url(request) or ""
        return self.link_url
