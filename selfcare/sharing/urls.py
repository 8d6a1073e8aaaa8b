from django.urls import path, re_path

from selfcare.sharing import views

app_name = "sharing"

urlpatterns = [
    path("settings/sharing/", views.link_list, name="list"),
    path("settings/sharing/new/", views.link_new, name="new"),
    path("settings/sharing/openings-seen/", views.openings_seen, name="openings_seen"),
    path("settings/sharing/<uuid:code>/edit/", views.link_edit, name="edit"),
    path("settings/sharing/<uuid:code>/revoke/", views.link_revoke, name="revoke"),
    # Everything under /s/ is a token (even a malformed one): one view, one answer, never a logged path.
    re_path(r"^s/(?P<token>.*)$", views.open_link, name="open"),
    path("shared/", views.shared_page, name="page"),
    path("shared/summary.pdf", views.shared_pdf, name="pdf"),
]
