"""Deleting an account, and saying first what will go with it."""

from __future__ import annotations

from dataclasses import dataclass

from axes.models import AccessAttempt
from django.db import models, transaction

from selfcare.accounts.models import User


@dataclass(frozen=True)
class DataKind:
    name: str
    count: int


def data_summary(user: User) -> list[DataKind]:
    """Count everything owned by the user, app by app.

    Walks the models that point at User, so a new kind of data shows up here
    (and is deleted with the account) without this module knowing about it.
    """
    kinds = []
    for relation in User._meta.related_objects:
        if relation.on_delete is not models.CASCADE or relation.many_to_many:
            continue
        model = relation.related_model
        if model._meta.app_label in {"auth", "admin", "contenttypes"}:
            continue
        count = model._base_manager.filter(**{relation.field.name: user}).count()
        if count:
            name = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
            kinds.append(DataKind(str(name), count))
    return sorted(kinds, key=lambda kind: kind.name)


def delete_account(user: User) -> None:
    """Remove the person and everything they own, now (hard delete)."""
    with transaction.atomic():
        AccessAttempt.objects.filter(username__iexact=user.email).delete()
        user.delete()
