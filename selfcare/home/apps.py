from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "selfcare.home"
    label = "home"
    verbose_name = "Pages that bring every part together"
