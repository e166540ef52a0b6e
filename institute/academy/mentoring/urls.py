"""Members' mentoring and coaching URLs, included by ``academy/urls.py``."""

from django.urls import path

from . import views

urlpatterns = [
    path("mentoring/", views.my_mentoring, name="mentoring"),
    path("mentoring/rounds/<slug:slug>/register/", views.register, name="mentoring_register"),
    path("mentoring/pairs/<int:pk>/", views.pair, name="mentoring_pair"),
    path("coaching/", views.coaching, name="coaching"),
    path("coaching/sessions/<int:pk>/", views.coaching_session, name="coaching_session"),
]
