from django.urls import include, path

app_name = "academy"

urlpatterns = []

# Programmes, applications, alumni and certificates -----------------------------------------
from . import views  # noqa: E402

urlpatterns += [
    path("cohorts/<int:cohort_id>/apply/", views.apply, name="apply"),
    path("applications/<int:application_id>/withdraw/", views.withdraw, name="withdraw"),
    path("mine/", views.mine, name="mine"),
    path("alumni/", views.alumni_directory, name="alumni_directory"),
    path("alumni/profile/", views.alumni_profile, name="alumni_profile"),
    path("certificates/<str:code>/", views.certificate, name="certificate"),
    path("certificates/<str:code>/print/", views.certificate_print, name="certificate_print"),
    path("certificates/<str:code>/certificate.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/<str:code>/badge.json", views.badge, name="badge"),
    path("badges/issuer.json", views.badge_issuer, name="badge_issuer"),
    path("badges/<int:programme_id>/badge-class.json", views.badge_class, name="badge_class"),
    path("badges/<int:programme_id>/image.svg", views.badge_image, name="badge_image"),
]

# --- Mentoring and coaching ----------------------------------------------------------------
urlpatterns += [path("", include("institute.academy.mentoring.urls"))]
