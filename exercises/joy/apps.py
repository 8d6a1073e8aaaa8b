from django.apps import AppConfig


class JoyConfig(AppConfig):
    name = "exercises.joy"
    label = "joy"
    verbose_name = "Joy list"
