from django.db import migrations

from core.append_only import forbid_update_and_delete


class Migration(migrations.Migration):
    dependencies = [("children", "0001_child_record_chronology_missing_episodes")]

    operations = [forbid_update_and_delete("children_chronologyentry")]
