from institute.core.demo import child_page
from institute.core.models import StandardPage


def test_home_page_renders_with_landmarks_and_skip_link(client, chrome):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert 'aria-label="Main"' in html


def test_standard_page_has_breadcrumb_marking_current_page(client, home):
    page = child_page(home, StandardPage, "about", title="About")
    html = client.get(page.url).content.decode()
    assert 'aria-label="Breadcrumb"' in html
    assert 'aria-current="page">About<' in html


def test_anonymous_page_is_served_from_cache_until_content_changes(client, home):
    page = child_page(home, StandardPage, "faq", title="FAQ", summary="First answer")
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    page.summary = "Second answer"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss"
    assert b"Second answer" in response.content


def test_cached_responses_are_stored_in_one_piece(client, home, settings):
    """Whatever a view writes in pieces, a cache hit is one write for the WSGI server."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from institute.core.cache import AnonymousPageCacheMiddleware

    def view(request):
        response = HttpResponse(content_type="text/plain")
        for n in range(50):
            response.write(f"line {n}\n")
        return response

    settings.PAGE_CACHE_SECONDS = 300
    middleware = AnonymousPageCacheMiddleware(view)
    first = middleware(RequestFactory().get("/pieces/"))
    hit = middleware(RequestFactory().get("/pieces/"))
    assert hit["X-Page-Cache"] == "hit"
    assert len(list(hit)) == 1
    assert hit.content == first.content and b"line 49" in hit.content
