from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Infrastructure every app may use; an app only so that `manage.py reencrypt` is found."""

    name = "selfcare.core"
    label = "core"
    verbose_name = "Core"
