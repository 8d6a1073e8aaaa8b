# The joy list's models move here from the exercises app. Their tables stay as they are
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
            name="JoyActivity",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                (
                    "name",
                    selfcare.core.fields.EncryptedTextField(
                        help_text="Up to 120 characters (checked by the form); encrypted at rest"
                    ),
                ),
                ("position", models.PositiveIntegerField(default=0, help_text="0 is the favourite, at the top")),
                ("archived_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "owner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="joy_activities",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "joy list item",
                "verbose_name_plural": "joy list items",
                "ordering": ["position", "id"],
                "db_table": "exercises_joyactivity",
                "indexes": [models.Index(fields=["owner", "position"], name="joy_activity_owner_position")],
            },
        ),
        migrations.CreateModel(
            name="JoyRecord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("expected", models.PositiveSmallIntegerField(help_text="How much they expected to enjoy it, 0-10")),
                (
                    "actual",
                    models.PositiveSmallIntegerField(blank=True, help_text="How much they did, 0-10", null=True),
                ),
                ("note", selfcare.core.fields.EncryptedTextField(blank=True, default="")),
                ("planned_at", models.DateTimeField(auto_now_add=True)),
                ("done_at", models.DateTimeField(blank=True, null=True)),
                (
                    "activity",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="records", to="joy.joyactivity"
                    ),
                ),
                (
                    "owner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="joy_records",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "joy record",
                "verbose_name_plural": "joy records",
                "ordering": ["-planned_at", "-id"],
                "db_table": "exercises_joyrecord",
                "indexes": [models.Index(fields=["owner", "done_at"], name="joy_record_owner_done")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("expected__gte", 0), ("expected__lte", 10)), name="joy_expected_0_10"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("actual__isnull", True), models.Q(("actual__gte", 0), ("actual__lte", 10)), _connector="OR"
                        ),
                        name="joy_actual_0_10",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("actual__isnull", True), ("done_at__isnull", True)),
                            models.Q(("actual__isnull", False), ("done_at__isnull", False)),
                            _connector="OR",
                        ),
                        name="joy_done_has_actual",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("done_at__isnull", True)),
                        fields=("activity",),
                        name="joy_one_pending_per_activity",
                    ),
                ],
            },
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
