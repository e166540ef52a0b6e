"""Links editors type (menu, footer, highlights, link blocks) go only where they should."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError

from institute.core.blocks import LinkBlock
from institute.core.models import MenuItem, SiteChrome
from institute.core.models.links import validate_link_url

ALLOWED = [
    "/calendar/",
    "/benchmarking/?year=2023#results",
    "https://www.gov.uk/",
    "http://example.org/path",
    "mailto:hello@institute.example",
    "tel:+442071234567",
]
REFUSED = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/",
    "/\\evil.example/",
    "https:evil",
    "ftp://files.example/",
    "calendar/",
]


@pytest.mark.parametrize("url", ALLOWED)
def test_site_paths_web_mail_and_phone_links_are_allowed(url):
    validate_link_url(url)


@pytest.mark.parametrize("url", REFUSED)
def test_script_and_other_schemes_are_refused(url):
    with pytest.raises(ValidationError):
        validate_link_url(url)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "//evil.example/"])
def test_a_menu_item_with_a_script_url_does_not_save(url):
    item = MenuItem(chrome=SiteChrome.load(), label="Trap", link_url=url)
    with pytest.raises(ValidationError) as raised:
        item.full_clean()
    assert "link_url" in raised.value.message_dict


@pytest.mark.django_db
def test_a_menu_item_must_choose_the_page_when_the_url_is_a_page(home):
    from institute.core.demo import child_page
    from institute.core.models import StandardPage

    about = child_page(home, StandardPage, "about", title="About us")
    item = MenuItem(chrome=SiteChrome.load(), label="About", link_url="/about/")
    with pytest.raises(ValidationError) as raised:
        item.full_clean()
    assert "About us" in raised.value.message_dict["link_url"][0]
    MenuItem(chrome=SiteChrome.load(), label="About", link_page=about).full_clean()


@pytest.mark.django_db
def test_a_url_for_what_is_not_a_page_is_fine(home):
    MenuItem(chrome=SiteChrome.load(), label="Benchmarking", link_url="/benchmarking/").full_clean()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x"])
def test_a_link_block_refuses_a_script_url(url):
    block = LinkBlock()
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python({"page": None, "url": url}))
    assert "url" in raised.value.block_errors


def test_a_link_block_takes_a_site_path():
    block = LinkBlock()
    assert block.clean(block.to_python({"page": None, "url": "/calendar/"}))["url"] == "/calendar/"
