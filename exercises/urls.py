from django.urls import path

from exercises import views

app_name = "exercises"

urlpatterns = [
    path("", views.exercise_list, name="list"),
    path("history/", views.exercise_history, name="history"),
    path("s/<uuid:code>/", views.exercise_summary, name="summary"),
    path("s/<uuid:code>/<int:number>/", views.exercise_step, name="step"),
    path("<slug:slug>/", views.exercise_detail, name="detail"),
    path("<slug:slug>/start/", views.exercise_start, name="start"),
]
