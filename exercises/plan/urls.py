from django.urls import path

from exercises.plan import views

app_name = "plan"

urlpatterns = [
    path("", views.plan_home, name="home"),
    path("start/", views.plan_start, name="start"),
    path("<uuid:code>/", views.plan_week, name="week"),
    path("<uuid:code>/tick/", views.plan_tick, name="tick"),
    path("<uuid:code>/day/<int:day>/<slug:task>/", views.plan_report, name="report"),
    path("<uuid:code>/pause/", views.plan_pause, name="pause"),
    path("<uuid:code>/resume/", views.plan_resume, name="resume"),
    path("<uuid:code>/finish/", views.plan_finish, name="finish"),
]
