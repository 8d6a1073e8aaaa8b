from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "exercises.plan"
    label = "plan"
    verbose_name = "Seven-day plan"

    def ready(self):
        from exercises.plan import (
            checks,  # noqa: F401 - registers the plan content check
            signals,
        )

        signals.connect()
