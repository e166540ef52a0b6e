from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("edit/", views.profile_edit, name="profile_edit"),
    path("data/", views.data_export, name="data_export"),
    path("delete/", views.erase, name="erase"),
    path("deleted/", views.erased, name="erased"),
]
