from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from institute.core import views as core_views
from institute.people import views as people_views

# One door (docs/people.md, "One door"): every sign-in and password reset goes through
# allauth's forms, with their rate limits and the e-mail confirmation rule. The other doors
# Django, Wagtail and Wagtail's admin would open lead there instead.
admin.site.login = secure_admin_login(admin.site.login)


def _to(pattern_name):
    return RedirectView.as_view(pattern_name=pattern_name, query_string=True)


urlpatterns = [
    path("admin/login/", _to("account_login"), name="admin_login_redirect"),
    path("admin/password_reset/", _to("account_reset_password"), name="admin_reset_redirect"),
    # Wagtail's own login for private pages: they now send visitors to allauth's
    # (WAGTAIL_FRONTEND_LOGIN_URL); this answers links to the old address.
    path("_util/login/", _to("account_login"), name="frontend_login_redirect"),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        people_views.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("account/", include("institute.people.urls")),
    path("benchmarking/", include("institute.benchmarking.urls")),
    path("academy/", include("institute.academy.urls")),
    path("partners/", include("institute.partners.urls")),
    path("membership/", include("institute.membership.urls")),
    path("insight/", include("institute.insight.urls")),
    path("api/v1/", include("institute.api.urls")),
    path("account/api-tokens/", include("institute.api.token_urls")),
    path("newsletter/", include("institute.newsletter.urls")),
    path("", include("institute.core.urls")),
    path("", include("institute.events.urls")),
    path("", include("institute.resources.urls")),
    # Rooms add their URLs above this line; Wagtail's page tree serves everything else.
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))

handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
