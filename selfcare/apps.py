from django.apps import AppConfig


class SelfcareConfig(AppConfig):
    name = "selfcare"
    verbose_name = "Thaw"

    def ready(self):
        from selfcare import pagecache_signals

        pagecache_signals.connect()
