"""Language moved to engagement_hub_core (0002_language); the old table goes once
every app's links point to the new one."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("engagement_hub_associations", "0003_directory_engine")]

    operations = [migrations.DeleteModel(name="Language")]
