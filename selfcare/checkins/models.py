from __future__ import annotations

from django.conf import settings
from django.db import models

from selfcare.crypto import EncryptedTextField


class SupportPlan(models.Model):
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
