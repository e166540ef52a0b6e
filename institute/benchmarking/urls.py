from django.urls import path

from . import views

app_name = "benchmarking"
urlpatterns = [
    path("", views.index, name="index"),
    path("my/", views.dashboard, name="dashboard"),
    path("survey/<str:token>/", views.survey, name="survey"),
    path("survey/<str:token>/thanks/", views.survey_done, name="survey_done"),
    path("<int:year>/", views.summary, name="summary"),
    path("<int:year>/<slug:organisation>/", views.report, name="report"),
    path("<int:year>/<slug:organisation>/report.pdf", views.report_pdf, name="report_pdf"),
    path("<int:year>/<slug:organisation>/pdf/", views.report_pdf_status, name="report_pdf_status"),
    path(
        "<int:year>/<slug:organisation>/export.<str:fmt>",
        views.report_export,
        name="report_export",
    ),
    path("<int:year>/<slug:organisation>/actions/", views.actions, name="actions"),
    path(
        "<int:year>/<slug:organisation>/actions/<int:pk>/",
        views.action_edit,
        name="action_edit",
    ),
]
