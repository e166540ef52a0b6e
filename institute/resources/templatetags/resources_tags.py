from urllib.parse import quote

from django import template

from institute.core.canonical import absolute_url
from institute.core.templatetags.institute_tags import json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def resource_json_ld(context, page):
    """schema.org JSON-LD for a resource (Article, Report or PodcastEpisode)."""
    data = {
        "@context": "https://schema.org",
        "@type": page.schema_type,
        "headline": page.title,
        "name": page.title,
        "description": page.summary,
        "url": absolute_url(page.get_url()),
        "datePublished": page.published.isoformat(),
        "dateModified": (page.updated or page.published).isoformat(),
        "author": [{"@type": "Person", "name": a.name} for a in page.authors.all()],
        "publisher": {"@type": "Organization", "name": context.get("SITE_NAME", "Institute")},
        "about": [t.name for t in page.topics.all()],
        "isAccessibleForFree": not page.is_members_only,
    }
    if page.schema_type == "PodcastEpisode":
        if page.audio_id:
            data["associatedMedia"] = {
                "@type": "MediaObject",
                "contentUrl": absolute_url(page.audio_url),
                "encodingFormat": page.audio_type,
                "contentSize": str(page.audio_size),
            }
            data["timeRequired"] = f"PT{page.duration_seconds}S"
    else:
        data["timeRequired"] = f"PT{page.reading_minutes}M"
    return json_ld(data)


@register.inclusion_tag("resources/includes/share.html", takes_context=True)
def share_links(context, page):
    """LinkedIn, e-mail and copy-link sharing for a page (copy works without JS as a link)."""
    request = context["request"]
    url = request.build_absolute_uri(page.get_url(request))
    return {
        "url": url,
        "linkedin": f"https://www.linkedin.com/sharing/share-offsite/?url={quote(url, safe='')}",
        "mailto": f"mailto:?subject={quote(page.title)}&body={quote(page.summary + ' ' + url)}",
        "title": page.title,
    }


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
