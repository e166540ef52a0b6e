import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import selectors

register = template.Library()

# The characters json_script escapes, so that data can never close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Title, description, canonical URL, type and image for the sharing tags of any page.

    Wagtail pages supply them through their fields (``get_meta_description``,
    ``get_meta_image``); plain Django views through the context variables ``meta_title``,
    ``meta_description``, ``canonical_url``, ``og_type`` and ``meta_image`` (an absolute URL).
    """
    request = context.get("request")
    page = context.get("page")
    title = context.get("meta_title") or ""
    description = context.get("meta_description") or ""
    image_url = context.get("meta_image") or ""
    image_size = None
    if page is not None and hasattr(page, "get_meta_description"):
        title = title or page.seo_title or page.title
        description = description or page.get_meta_description()
        image = page.get_meta_image()
        if image is not None and request is not None:
            rendition = image.get_rendition(selectors.SHARE_SPEC)
            image_url = request.build_absolute_uri(rendition.url)
            image_size = (rendition.width, rendition.height)
    canonical = context.get("canonical_url") or (
        request.build_absolute_uri(request.path) if request else ""
    )
    if canonical.startswith("/") and request:
        canonical = request.build_absolute_uri(canonical)
    return {
        "title": title or context.get("SITE_NAME", ""),
        "description": description,
        "url": canonical,
        "type": context.get("og_type") or "website",
        "image": image_url,
        "image_size": image_size,
        "image_alt": getattr(page, "image_alt", "") if image_url and page is not None else "",
    }


@register.simple_tag(takes_context=True)
def site_chrome(context):
    """The editor-managed main menu and footer (loaded once per request)."""
    return selectors.site_chrome(request=context["request"])


@register.simple_tag
def link_url(value):
    """The URL of a LinkBlock value: its page's URL or the URL typed by the editor."""
    page = value.get("page")
    return page.url if page else value.get("url", "")


@register.simple_tag
def json_ld(data):
    """schema.org data as a non-executable <script type="application/ld+json"> block."""
    payload = json.dumps(data, cls=DjangoJSONEncoder).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page):
    """The page's ancestors below the home page (title and URL), for the breadcrumb trail."""
    return selectors.breadcrumb_trail(page=page, request=context.get("request"))


@register.simple_tag
def elided_pages(page_obj):
    """The page numbers to show around the current page (components/pagination.html)."""
    return page_obj.paginator.get_elided_page_range(page_obj.number)
