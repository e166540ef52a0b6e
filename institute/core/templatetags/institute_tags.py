from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Title, description, canonical URL and type for the sharing tags of any page.

    Wagtail pages supply them through their fields; plain Django views through the context
    variables ``meta_title``, ``meta_description``, ``canonical_url`` and ``og_type``.
    """
    request = context.get("request")
    page = context.get("page")
    title = context.get("meta_title") or ""
    description = context.get("meta_description") or ""
    if page is not None and hasattr(page, "get_meta_description"):
        title = title or page.seo_title or page.title
        description = description or page.get_meta_description()
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
        "image": context.get("meta_image") or "",
    }
