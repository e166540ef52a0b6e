from django.conf import settings


def site_chrome(request):
    """Values every template of the site chrome needs."""
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "canonical_base": f"{request.scheme}://{request.get_host()}" if request else "",
    }
