from django.db import migrations

from pecgov.audit.migrations_trigger import backward, forward


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
