from django.urls import path

from . import views

app_name = "membership"
urlpatterns = [
    path("", views.index, name="index"),
    path("join/", views.join, name="join"),
    path("mine/", views.mine, name="mine"),
    path("mine/renew/", views.renew, name="renew"),
    path("mine/people/", views.people, name="people"),
    path("mine/people/remove/", views.people_remove, name="people_remove"),
    path("member-voice/", views.voice, name="voice"),
    path("you-said-we-did/", views.board, name="board"),
    path("you-said-we-did/feed/", views.board_feed, name="board_feed"),
    path("you-said-we-did/tell-us/", views.feedback_new, name="feedback_new"),
    path("you-said-we-did/<str:feedback_id>/", views.feedback_item, name="feedback_item"),
]
