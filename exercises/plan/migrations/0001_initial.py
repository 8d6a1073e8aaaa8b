# The seven-day plan's models move here from the exercises app. Their tables stay as they are
# (each model names its old table in db_table), so this changes Django's state only: no data moves.

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import selfcare.core.fields


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("exercises", "0003_joy"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name="Enrollment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("week_number", models.PositiveSmallIntegerField(default=1)),
                (
                    "level",
                    models.CharField(
                        choices=[("gentle", "A gentle week"), ("deeper", "A step deeper")],
                        default="gentle",
                        max_length=8,
                    ),
                ),
                ("content_version", models.PositiveSmallIntegerField()),
                ("start_date", models.DateField(help_text="Day 1, in the person's time zone")),
                (
                    "paused_days",
                    models.PositiveSmallIntegerField(default=0, help_text="Days of earlier pauses, not counted"),
                ),
                ("paused_from", models.DateField(blank=True, null=True)),
                ("paused_until", models.DateField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                (
                    "owner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="plan_weeks",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "plan week",
                "db_table": "exercises_enrollment",
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("finished_at__isnull", True)),
                        fields=("owner",),
                        name="plan_one_active_week",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="TaskDone",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.PositiveSmallIntegerField()),
                ("task", models.CharField(max_length=32)),
                ("report", selfcare.core.fields.EncryptedTextField(blank=True, default="")),
                ("done_at", models.DateTimeField(auto_now_add=True)),
                (
                    "enrollment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="done", to="plan.enrollment"
                    ),
                ),
                (
                    "owner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="plan_tasks_done",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "plan task done",
                "verbose_name_plural": "plan tasks done",
                "db_table": "exercises_taskdone",
                "constraints": [
                    models.UniqueConstraint(fields=("enrollment", "day", "task"), name="plan_task_done_once"),
                    models.CheckConstraint(
                        condition=models.Q(("day__gte", 1), ("day__lte", 7)), name="plan_task_day_1_7"
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="TherapyTopic",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("text", selfcare.core.fields.EncryptedTextField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "enrollment",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="topics",
                        to="plan.enrollment",
                    ),
                ),
                (
                    "owner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="therapy_topics",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
                "db_table": "exercises_therapytopic",
            },
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
