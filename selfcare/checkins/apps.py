from django.apps import AppConfig


class CheckinsConfig(AppConfig):
    name = "selfcare.checkins"
    label = "checkins"
    verbose_name = "Check-ins and getting help"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from selfcare.checkins import escalation
        from selfcare.checkins.models import CheckIn, ScreenerResult
        from selfcare.core import datacache

        datacache.count_saves_of(CheckIn)
        datacache.count_saves_of(ScreenerResult)

        def at_login(sender, request, user, **kwargs) -> None:
            escalation.logged_in(user)

        user_logged_in.connect(at_login, dispatch_uid="checkins-check-back-at-login", weak=False)
