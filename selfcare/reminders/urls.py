from django.urls import path

from selfcare.reminders import views

app_name = "reminders"

urlpatterns = [
    path("settings/reminders/", views.reminder_settings, name="settings"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
