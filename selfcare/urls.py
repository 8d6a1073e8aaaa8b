from django.urls import include, path

from selfcare import export_views, pattern_views, views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("today/", views.today, name="today"),
    path("patterns/", pattern_views.patterns, name="patterns"),
    path("export/thaw.json", export_views.export_json_view, name="export_json"),
    path("export/thaw.csv", export_views.export_csv_view, name="export_csv"),
    path("healthz", views.healthz, name="healthz"),
    path("livez", views.livez, name="livez"),
    path("accounts/", include("selfcare.accounts.urls")),
    path("exercises/", include("exercises.urls")),
    path("journal/", include("journal.urls")),
    path("joy/", include("exercises.joy_urls")),
    path("", include("selfcare.reminders.urls")),
    path("", include("selfcare.checkins.urls")),
    path("", include("selfcare.sharing.urls")),
]

handler400 = "selfcare.views.bad_request"
handler403 = "selfcare.views.permission_denied"
handler404 = "selfcare.views.page_not_found"
handler500 = "selfcare.views.server_error"
