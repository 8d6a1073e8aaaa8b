from django.apps import AppConfig


class CheckinsConfig(AppConfig):
    name = "selfcare.checkins"
    label = "checkins"
    verbose_name = "Check-ins and getting help"
