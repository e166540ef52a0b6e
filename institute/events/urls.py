from django.urls import path

from .views import bookings, staff

app_name = "events"

urlpatterns = [
    path("account/bookings/", bookings.my_bookings, name="my_bookings"),
    path("bookings/<int:occurrence_id>/book/", bookings.book, name="book"),
    path("bookings/<int:occurrence_id>/cancel/", bookings.cancel, name="cancel"),
    path("bookings/<int:occurrence_id>/attendees/", staff.attendees, name="attendees"),
    path("bookings/<int:occurrence_id>/attendees.csv", staff.attendees_csv, name="attendees_csv"),
]
