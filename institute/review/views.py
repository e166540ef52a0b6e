"""The review page, its printable version and its PDF (the benchmarking report's renderer,
``institute/benchmarking/pdf.py``). The page's routes are ``ReviewPage``'s."""

import hashlib

from django.http import HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse

from institute.core.cache import remember
from institute.core.canonical import absolute_url, page_url
from institute.core.methods import safe_methods

from . import selectors

PDF_SECONDS = 60 * 60


def _body(page, figures: dict) -> list[dict]:
    """The body's blocks with the figures they name; a figure block whose figure has no
    value for the year (or whose room is gone) is left out, so the story still reads."""
    entries = []
    for block in page.body:
        entry = {"type": block.block_type, "value": block.value, "id": block.id}
        if block.block_type == "figure":
            entry["figure"] = figures.get(block.value["figure"])
            if entry["figure"] is None:
                continue
        elif block.block_type == "figures":
            entry["figures"] = [figures[k] for k in block.value["figures"] if k in figures]
            if not entry["figures"]:
                continue
        entries.append(entry)
    return entries


def _json_ld(page, freeze) -> dict:
    url = page_url(page)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "url": url,
        "mainEntityOfPage": url,
        "about": f"The year {page.year}",
        "publisher": {"@type": "Organization", "name": page.get_site().site_name or ""},
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if description := page.get_meta_description() or page.intro:
        data["description"] = description[:300]
    return data


def review_context(request, page, *, printable=False) -> dict:
    figures = selectors.review_figures(page=page)
    freeze = selectors.review_freeze(page=page)
    return {
        "page": page,
        "self": page,
        "request": request,
        "entries": _body(page, figures),
        "figures": figures,
        "rooms": selectors.figures_by_room(figures=figures) if page.list_figures else [],
        "freeze": freeze,
        "changed_since": freeze and any(f.since_publication for f in figures.values()),
        "json_ld": _json_ld(page, freeze),
        "print_url": page.url + page.reverse_subpage("print"),
        "pdf_url": page.url + page.reverse_subpage("pdf"),
        "printable": printable,
    }


def review_page(request, page):
    return TemplateResponse(request, "review/review_page.html", review_context(request, page))


def review_print(request, page):
    context = review_context(request, page, printable=True)
    context["canonical_url"] = page_url(page)
    return TemplateResponse(request, "review/review_print.html", context)


def _pdf_version(page, context) -> str:
    figures = ",".join(
        f"{f.key}={f.value}/{f.live}/{f.previous}" for f in context["figures"].values()
    )
    published = page.last_published_at.isoformat() if page.last_published_at else ""
    frozen = context["freeze"].frozen_at.isoformat() if context["freeze"] else ""
    return hashlib.sha256(f"{page.pk}|{published}|{frozen}|{figures}".encode()).hexdigest()


@safe_methods
def review_pdf(request, page):
    """The printable version laid out as a PDF, kept while nothing it shows changes."""
    from institute.benchmarking import pdf

    context = review_context(request, page, printable=True)
    context["canonical_url"] = page_url(page)

    def make():
        html = render(request, "review/review_print.html", context).content.decode()
        try:
            return pdf.from_html(html, base_url=absolute_url("/"))
        except pdf.Unavailable as error:
            return str(error)

    document = remember(f"review:pdf:{_pdf_version(page, context)}", make, timeout=PDF_SECONDS)
    if isinstance(document, str):
        return HttpResponse(
            f"The PDF cannot be made on this server ({document}). Print the page instead.",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="year-in-review-{page.year}.pdf"'
    return response
