from institute.core.access import ANONYMOUS, MEMBER, Rule

RULES = {
    "people:profile": Rule(MEMBER),
    "people:profile_edit": Rule(MEMBER),
    "people:data_export": Rule(MEMBER),
    "people:erase": Rule(MEMBER),
    "people:erased": Rule(ANONYMOUS),
    "wagtailcore_authenticate_with_password": Rule(ANONYMOUS, kwargs=lambda: _page_password()),
}


def _page_password():
    from wagtail.models import Page, PageViewRestriction

    page = Page.objects.filter(depth=2).first()
    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="shared-secret",  # noqa: S106
    )
    return {"page_view_restriction_id": restriction.pk, "page_id": page.pk}
