from __future__ import annotations

from django.conf import settings
from django.db import models

from selfcare.core.autosave import Revisioned
from selfcare.core.fields import EncryptedJSONField, EncryptedTextField


class SupportPlan(Revisioned):
    """A private plan the person writes calmly ahead of time, shown first when things are hard.

    Every section is what they typed, so every section is encrypted at rest.
    """

    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_plan")
    warning_signs = EncryptedTextField(blank=True, default="")
    grounding = EncryptedTextField(blank=True, default="")
    distractions = EncryptedTextField(blank=True, default="")
    people = EncryptedTextField(blank=True, default="")
    professionals = EncryptedTextField(blank=True, default="")
    safer = EncryptedTextField(blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    SECTIONS = (
        (
            "warning_signs",
            "My warning signs",
            "Thoughts, feelings or situations that tell me things are getting harder.",
        ),
        ("grounding", "Things that help me ground", "Small things I can do on my own to steady myself."),
        ("distractions", "People and places that take my mind off things", "Who I can be around, and where I can go."),
        ("people", "People I can ask for help", "Names and numbers of people I trust."),
        (
            "professionals",
            "Professionals and services I can contact",
            "My doctor, therapist, or a local crisis service.",
        ),
        (
            "safer",
            "How I can make things safer around me",
            "What would help me feel safer for now, and who could help with that.",
        ),
    )

    class Meta:
        verbose_name = "support plan"

    def __str__(self) -> str:
        return "support plan"

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name, _, _ in self.SECTIONS)

    def sections(self) -> list[dict]:
        return [
            {"name": name, "title": title, "hint": hint, "text": getattr(self, name)}
            for name, title, hint in self.SECTIONS
        ]


class CheckIn(models.Model):
    """The daily self-check (SAFETY.md §1.6): one per day in the person's time zone."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins")
    date = models.DateField(help_text="The person's local date")
    numbness = models.PositiveSmallIntegerField(help_text="N: 0 not at all to 10 completely")
    impact_work = models.PositiveSmallIntegerField(help_text="F work/study: 0 none, 1 a little, 2 a lot")
    impact_relationships = models.PositiveSmallIntegerField()
    impact_selfcare = models.PositiveSmallIntegerField()
    connection = models.PositiveSmallIntegerField(help_text="How connected to people, 0 to 10")
    note = EncryptedTextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "check-in"
        constraints = [
            models.UniqueConstraint(fields=["owner", "date"], name="checkin_one_per_day"),
            models.CheckConstraint(
                condition=models.Q(numbness__lte=10, connection__lte=10, impact_work__lte=2)
                & models.Q(impact_relationships__lte=2, impact_selfcare__lte=2),
                name="checkin_values_in_range",
            ),
        ]
        indexes = [models.Index(fields=["owner", "-date"], name="checkin_owner_date")]

    def __str__(self) -> str:
        return f"check-in {self.date}"


class ScreenerResultQuerySet(models.QuerySet):
    def owned_by(self, user) -> ScreenerResultQuerySet:
        return self.filter(owner=user)

    def complete(self) -> ScreenerResultQuerySet:
        return self.filter(status=ScreenerResult.Status.COMPLETE)


class ScreenerResult(models.Model):
    """One run of a questionnaire (or of the biweekly / one-time single questions), kept as it goes.

    Answers are saved one question at a time, so leaving midway loses nothing; they are health
    data, so they are encrypted. The total and band stay readable for trends.
    """

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"
        SKIPPED = "skipped", "Skipped"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="screener_results")
    instrument = models.CharField(max_length=12)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    answers = EncryptedJSONField(default=dict, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    band = models.CharField(max_length=24, blank=True, default="")
    retaken_early = models.BooleanField(default=False)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = ScreenerResultQuerySet.as_manager()

    class Meta:
        verbose_name = "questionnaire answer"
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "instrument"],
                condition=models.Q(status="in_progress"),
                name="screener_one_in_progress",
            ),
        ]
        indexes = [models.Index(fields=["owner", "instrument", "-completed_at"], name="screener_owner_done")]

    def __str__(self) -> str:
        return f"{self.instrument} ({self.status})"


class CheckBack(models.Model):
    """R4: after an urgent moment, a short "How are you doing?" at the next login and a week later.

    Stores only when to ask; never why.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_backs")
    due_at = models.DateTimeField()
    waits_for_login = models.BooleanField(default=False)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "“How are you doing?” reminder"
        indexes = [models.Index(fields=["owner", "due_at"], name="checkback_owner_due")]

    def __str__(self) -> str:
        return f"check back {self.due_at:%Y-%m-%d}"


class FollowUp(models.Model):
    """The one neutral follow-up email an episode may bring (SAFETY.md §2.4). No rule, score or text."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_ups")
    urgent = models.BooleanField(default=False, help_text="Chooses the wording: 'we hope you're OK'")
    episode_started_at = models.DateTimeField(auto_now_add=True)
    send_after = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "follow-up email"
        indexes = [models.Index(fields=["sent_at", "send_after"], name="followup_due")]

    def __str__(self) -> str:
        return f"follow-up {self.send_after:%Y-%m-%d}"


class EscalationEvent(models.Model):
    """R23: an audit row each time a rule fires. Rule id and tier only, never free text."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="escalation_events")
    rule = models.CharField(max_length=8)
    tier = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=40, help_text="What was being saved, e.g. checkin:42")
    fired_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "record of help shown"
        verbose_name_plural = "records of help shown"
        indexes = [models.Index(fields=["owner", "-fired_at"], name="escalation_owner_fired")]

    def __str__(self) -> str:
        return f"{self.rule} (tier {self.tier})"


class HelpResponse(models.Model):
    """How the person answered a help card, so the same episode does not nag (R22)."""

    class Choice(models.TextChoices):
        CONTACTED = "contacted", "I've contacted someone"
        REMIND = "remind", "Remind me in 7 days"
        NOT_NOW = "not_now", "Not now"
        DISMISSED = "dismissed", "Dismissed"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_responses")
    tier = models.PositiveSmallIntegerField()
    choice = models.CharField(max_length=12, choices=Choice.choices)
    quiet_until = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "answer to a help card"
        indexes = [models.Index(fields=["owner", "tier", "-quiet_until"], name="help_response_owner_tier")]

    def __str__(self) -> str:
        return f"{self.choice} (tier {self.tier})"
