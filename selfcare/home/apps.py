from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "selfcare.home"
    label = "home"
    verbose_name = "Pages that bring every part together"

    def ready(self) -> None:
        from selfcare.accounts.sections import Section, register

        register(Section("data", "home/settings_data.html", order=70))
