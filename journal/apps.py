from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "journal"

    def ready(self):
        from journal import checks  # noqa: F401 - registers the vocabulary check
        from journal.models import JournalEntry
        from selfcare.core import datacache

        # Drafts are on no aggregate; an entry once saved never turns back into one.
        datacache.count_saves_of(JournalEntry, unless=lambda entry: entry.is_draft)
