from django.urls import path

from exercises.joy import views

app_name = "joy"

urlpatterns = [
    path("", views.joy_list, name="list"),
    path("add/", views.joy_add, name="add"),
    path("<uuid:code>/move/", views.joy_move, name="move"),
    path("<uuid:code>/archive/", views.joy_archive, name="archive"),
    path("<uuid:code>/restore/", views.joy_restore, name="restore"),
    path("<uuid:code>/plan/", views.joy_plan, name="plan"),
    path("r/<uuid:code>/", views.joy_record, name="record"),
    path("r/<uuid:code>/let-go/", views.joy_let_go, name="let_go"),
]
