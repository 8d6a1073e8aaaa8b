from django.urls import include, path

from selfcare import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("today/", views.today, name="today"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("selfcare.accounts.urls")),
    path("exercises/", include("exercises.urls")),
    path("journal/", include("journal.urls")),
    path("", include("selfcare.checkins.urls")),
]

handler400 = "selfcare.views.bad_request"
handler403 = "selfcare.views.permission_denied"
handler404 = "selfcare.views.page_not_found"
handler500 = "selfcare.views.server_error"
