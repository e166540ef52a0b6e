from django.urls import include, path

app_name = "academy"

urlpatterns = []

# --- Mentoring and coaching ----------------------------------------------------------------
urlpatterns += [path("", include("institute.academy.mentoring.urls"))]
