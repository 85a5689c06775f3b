from django.db import migrations

from core.append_only import forbid_update_and_delete


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_access_event")]

    operations = [forbid_update_and_delete("audit_accessevent")]
