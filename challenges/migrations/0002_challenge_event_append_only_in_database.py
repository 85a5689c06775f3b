from django.db import migrations

from core.append_only import forbid_update_and_delete


class Migration(migrations.Migration):
    dependencies = [("challenges", "0001_challenge_and_history")]

    operations = [forbid_update_and_delete("challenges_challengeevent")]
