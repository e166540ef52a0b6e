from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from institute.core import views as core_views

# Every sign-in goes through the one login form, with its rate limits and e-mail checks.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="admin_login_redirect",
    ),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("account/", include("institute.people.urls")),
    path("benchmarking/", include("institute.benchmarking.urls")),
    path("", include("institute.core.urls")),
    path("", include("institute.events.urls")),
    path("", include("institute.resources.urls")),
    # Rooms add their URLs above this line; Wagtail's page tree serves everything else.
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))

handler404 = core_views.page_not_found
handler500 = core_views.server_error
