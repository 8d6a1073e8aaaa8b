"""Links from plan tasks into the rest of the app: a plain function that pages and reminders call alike."""

from __future__ import annotations

from django.urls import reverse

from exercises.plan import days as plan


def task_link(task: plan.Task) -> str:
    """Where a task's "Open" link goes."""
    if task.kind == "exercise":
        return reverse("exercises:detail", args=[task.target])
    if task.kind == "journal":
        return reverse("journal:write", args=[task.target])
    if task.kind == "patterns":
        return reverse("patterns") + "?range=7"
    if task.kind == "joy":
        return reverse("joy:list")
    return ""
