from django.urls import path

from selfcare.checkins import views

urlpatterns = [
    path("help/", views.get_help, name="help"),
    path("help/my-plan/", views.support_plan, name="support_plan"),
    path("help/my-plan/edit/", views.support_plan_edit, name="support_plan_edit"),
    path("help/my-plan/autosave/", views.support_plan_autosave, name="support_plan_autosave"),
    path("checkin/", views.checkin, name="checkin"),
    path("help/answer/", views.help_response, name="help_response"),
]
