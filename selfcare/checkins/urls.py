from django.urls import path

from selfcare.checkins import views

urlpatterns = [
    path("help/", views.get_help, name="help"),
]
