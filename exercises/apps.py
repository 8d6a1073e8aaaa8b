from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"

    def ready(self):
        from exercises import (
            checks,  # noqa: F401 - registers the content check
            plan_signals,
        )

        plan_signals.connect()
