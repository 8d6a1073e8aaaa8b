from django.urls import path

from selfcare.checkins import screener_views, views

urlpatterns = [
    path("help/", views.get_help, name="help"),
    path("help/now/", views.help_now, name="help_now"),
    path("help/my-plan/", views.support_plan, name="support_plan"),
    path("help/my-plan/edit/", views.support_plan_edit, name="support_plan_edit"),
    path("help/my-plan/autosave/", views.support_plan_autosave, name="support_plan_autosave"),
    path("checkin/", views.checkin, name="checkin"),
    path("help/answer/", views.help_response, name="help_response"),
    path("help/check-back/<int:pk>/", views.check_back, name="check_back"),
    path("checkin/questionnaires/", screener_views.screener_list, name="screeners"),
    path("checkin/questionnaires/<slug:slug>/", screener_views.screener_start, name="screener_start"),
    path("checkin/answers/<int:pk>/", screener_views.screener_run, name="screener_run"),
    path("checkin/results/<int:pk>/", screener_views.screener_result, name="screener_result"),
    path("checkin/trends/", views.trends_page, name="trends"),
]
