from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"

    def ready(self):
        from exercises import checks  # noqa: F401 - registers the content check
        from exercises.models import PracticeSession
        from selfcare.core import datacache

        datacache.count_saves_of(PracticeSession)
