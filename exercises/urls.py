from django.urls import path

from exercises import plan_views, views

app_name = "exercises"

urlpatterns = [
    path("", views.exercise_list, name="list"),
    path("history/", views.exercise_history, name="history"),
    path("plan/", plan_views.plan_home, name="plan"),
    path("plan/start/", plan_views.plan_start, name="plan_start"),
    path("plan/<uuid:code>/", plan_views.plan_week, name="plan_week"),
    path("plan/<uuid:code>/tick/", plan_views.plan_tick, name="plan_tick"),
    path("plan/<uuid:code>/day/<int:day>/<slug:task>/", plan_views.plan_report, name="plan_report"),
    path("plan/<uuid:code>/pause/", plan_views.plan_pause, name="plan_pause"),
    path("plan/<uuid:code>/resume/", plan_views.plan_resume, name="plan_resume"),
    path("plan/<uuid:code>/finish/", plan_views.plan_finish, name="plan_finish"),
    path("s/<uuid:code>/", views.exercise_summary, name="summary"),
    path("s/<uuid:code>/<int:number>/", views.exercise_step, name="step"),
    path("<slug:slug>/", views.exercise_detail, name="detail"),
    path("<slug:slug>/start/", views.exercise_start, name="start"),
]
