from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "journal"

    def ready(self):
        from journal import checks  # noqa: F401 - registers the vocabulary check
