from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from . import topics as topic_registry
from .models import Topic


@require_GET
def topic_index(request):
    return render(request, "core/topic_index.html", {"topics": Topic.objects.all()})


@require_GET
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    sections = []
    for section in topic_registry.sections():
        items = section.items(topic, 6)
        if items:
            more = section.more_url(topic) if section.more_url else None
            sections.append({"section": section, "items": items, "more_url": more})
    return render(request, "core/topic_detail.html", {"topic": topic, "sections": sections})


@require_GET
def robots_txt(request):
    return render(request, "core/robots.txt", content_type="text/plain")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
