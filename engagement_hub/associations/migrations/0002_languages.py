"""The fixed list of languages that clubs and offers can name (filter values)."""

from django.db import migrations

CODES = ["de", "en", "dgs", "ar", "fa", "fr", "pl", "ru", "es", "tr", "uk", "vi"]


def create_languages(apps, schema_editor):
    Language = apps.get_model("engagement_hub_associations", "Language")
    for code in CODES:
        Language.objects.get_or_create(code=code)


def delete_languages(apps, schema_editor):
    Language = apps.get_model("engagement_hub_associations", "Language")
    Language.objects.filter(code__in=CODES).delete()


class Migration(migrations.Migration):
    dependencies = [("engagement_hub_associations", "0001_initial")]

    operations = [migrations.RunPython(create_languages, delete_languages)]
