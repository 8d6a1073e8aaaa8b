from django.urls import path

from journal import views

app_name = "journal"

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("new/", views.choose_kind, name="choose"),
    path("new/<slug:kind>/", views.write, name="write"),
    path("autosave/<slug:kind>/", views.autosave_view, name="autosave"),
    path("<uuid:code>/edit/", views.edit, name="edit"),
    path("<uuid:code>/delete/", views.delete, name="delete"),
    path("<uuid:code>/undo/", views.undo_delete, name="undo"),
]
