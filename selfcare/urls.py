from django.urls import include, path

from selfcare.home import export_views, pattern_views, views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("today/", views.today, name="today"),
    path("patterns/", pattern_views.patterns, name="patterns"),
    path("export/thaw.json", export_views.export_json_view, name="export_json"),
    path("export/thaw.csv", export_views.export_csv_view, name="export_csv"),
    path("healthz", views.healthz, name="healthz"),
    path("livez", views.livez, name="livez"),
    path("accounts/", include("selfcare.accounts.urls")),
    # Before the practices: their "<slug>/" would otherwise take "plan/".
    path("exercises/plan/", include("exercises.plan.urls")),
    path("exercises/", include("exercises.urls")),
    path("journal/", include("journal.urls")),
    path("joy/", include("exercises.joy.urls")),
    path("", include("selfcare.reminders.urls")),
    path("", include("selfcare.checkins.urls")),
    path("", include("selfcare.sharing.urls")),
]

handler400 = "selfcare.home.views.bad_request"
handler403 = "selfcare.home.views.permission_denied"
handler404 = "selfcare.home.views.page_not_found"
handler500 = "selfcare.home.views.server_error"
