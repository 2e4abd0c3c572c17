"""The page cache's data version (issue 6): one row, created here."""

from django.db import migrations, models

import pecgov.ui.models


def first_row(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("ui", "DataVersion").objects.get_or_create(pk=1, defaults={"version": 0})


class Migration(migrations.Migration):
    initial = True

    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
                ("epoch", models.CharField(default=pecgov.ui.models.new_epoch, max_length=32)),
            ],
        ),
        migrations.RunPython(first_row, migrations.RunPython.noop),
    ]
