from django.urls import path, re_path

from .views import bookings, calendar, staff

app_name = "events"

urlpatterns = [
    path("account/bookings/", bookings.my_bookings, name="my_bookings"),
    path("bookings/<int:occurrence_id>/book/", bookings.book, name="book"),
    path("bookings/<int:occurrence_id>/cancel/", bookings.cancel, name="cancel"),
    path("bookings/<int:occurrence_id>/attendees/", staff.attendees, name="attendees"),
    path("bookings/<int:occurrence_id>/attendees.csv", staff.attendees_csv, name="attendees_csv"),
    # Feeds sit beside the Wagtail page views they mirror (Wagtail serves only "…/" paths).
    re_path(r"^(?P<path>(?:[\w-]+/)+)feed\.ics$", calendar.feed, name="feed"),
    re_path(r"^(?P<path>(?:[\w-]+/)+)calendar\.ics$", calendar.item_calendar, name="item_calendar"),
]
