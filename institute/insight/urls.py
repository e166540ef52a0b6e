from django.urls import path

from . import views

app_name = "insight"

urlpatterns = [
    path("", views.index, name="index"),
    path("places.<str:fmt>", views.index_export, name="index_export"),
    path("compare/", views.compare, name="compare"),
    path("compare/comparison.<str:fmt>", views.compare_export, name="compare_export"),
    path("<str:code>/", views.scorecard, name="scorecard"),
    path("<str:code>/scorecard.<str:fmt>", views.scorecard_export, name="scorecard_export"),
]
