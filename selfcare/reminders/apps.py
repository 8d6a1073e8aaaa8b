from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "selfcare.reminders"
    label = "reminders"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        from selfcare.accounts.sections import Section, register
        from selfcare.reminders import signals

        register(Section("reminders", "reminders/settings_reminders.html", order=40))

        post_save.connect(signals.follow_time_zone, sender=get_user_model(), dispatch_uid="reminders-follow-tz")
