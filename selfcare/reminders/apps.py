from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "selfcare.reminders"
    label = "reminders"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        from selfcare.reminders import signals

        post_save.connect(signals.follow_time_zone, sender=get_user_model(), dispatch_uid="reminders-follow-tz")
