from django.db import migrations

from pecgov.audit.migrations_trigger import chain_backward, chain_forward


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_auditevent_key_id")]
    operations = [migrations.RunPython(chain_forward, chain_backward)]
