from django.apps import AppConfig


class CheckinsConfig(AppConfig):
    name = "selfcare.checkins"
    label = "checkins"
    verbose_name = "Check-ins and getting help"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from selfcare.accounts.sections import Section, register
        from selfcare.checkins import escalation, tasks
        from selfcare.checkins.forms import CrisisLinesForm
        from selfcare.checkins.models import CheckIn, ScreenerResult
        from selfcare.core import datacache

        register(Section("crisis_lines", "checkins/settings_crisis_lines.html", order=20, form=CrisisLinesForm))
        datacache.count_saves_of(CheckIn)
        datacache.count_saves_of(ScreenerResult)

        def at_login(sender, request, user, **kwargs) -> None:
            escalation.logged_in(user)

        def to_a_worker(sender, pk: int, **kwargs) -> None:
            tasks.queue_follow_up(pk)

        user_logged_in.connect(at_login, dispatch_uid="checkins-check-back-at-login", weak=False)
        escalation.follow_up_due.connect(to_a_worker, dispatch_uid="checkins-follow-up-to-a-worker", weak=False)
