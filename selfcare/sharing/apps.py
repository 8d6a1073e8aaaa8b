from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "selfcare.sharing"
    label = "sharing"
    verbose_name = "Therapist share links"

    def ready(self) -> None:
        from selfcare.accounts.sections import Section, register
        from selfcare.sharing import signals  # noqa: F401 - connects the receivers

        register(Section("sharing", "sharing/settings_sharing.html", order=60))
