# The plan's and the joy list's models now belong to their own apps (plan 0001, joy 0001), on the
# same tables. This forgets them here, in Django's state only, and hands their content types over
# so that permissions keep pointing at the right models. No table or row is touched.

from django.db import migrations

MOVED = {"plan": ("enrollment", "taskdone", "therapytopic"), "joy": ("joyactivity", "joyrecord")}


def _relabel(apps, old_app: str, new_app: str, models: tuple[str, ...]) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in models:
        if not ContentType.objects.filter(app_label=new_app, model=model).exists():
            ContentType.objects.filter(app_label=old_app, model=model).update(app_label=new_app)


def content_types_forward(apps, schema_editor):
    for app, models in MOVED.items():
        _relabel(apps, "exercises", app, models)


def content_types_back(apps, schema_editor):
    for app, models in MOVED.items():
        _relabel(apps, app, "exercises", models)


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0003_joy"),
        ("plan", "0001_initial"),
        ("joy", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="TaskDone"),
                migrations.DeleteModel(name="TherapyTopic"),
                migrations.DeleteModel(name="Enrollment"),
                migrations.DeleteModel(name="JoyRecord"),
                migrations.DeleteModel(name="JoyActivity"),
            ]
        ),
        migrations.RunPython(content_types_forward, content_types_back),
    ]
