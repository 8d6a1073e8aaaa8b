from django.urls import path

from exercises import joy_views

app_name = "joy"

urlpatterns = [
    path("", joy_views.joy_list, name="list"),
    path("add/", joy_views.joy_add, name="add"),
    path("<uuid:code>/move/", joy_views.joy_move, name="move"),
    path("<uuid:code>/archive/", joy_views.joy_archive, name="archive"),
    path("<uuid:code>/restore/", joy_views.joy_restore, name="restore"),
    path("<uuid:code>/plan/", joy_views.joy_plan, name="plan"),
    path("r/<uuid:code>/", joy_views.joy_record, name="record"),
    path("r/<uuid:code>/let-go/", joy_views.joy_let_go, name="let_go"),
]
