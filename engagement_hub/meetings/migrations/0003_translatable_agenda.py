"""Agenda items become translatable: each language version of a meeting keeps its
own items. Existing items take their page's locale; the n-th item of every
language version of a meeting shares one translation key, so wagtail-localize
matches an item to its translations."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def bootstrap(apps, schema_editor):
    AgendaItem = apps.get_model("engagement_hub_meetings", "AgendaItem")
    keys: dict = {}
    positions: dict = {}
    items = AgendaItem.objects.select_related("page").order_by(
        "page_id", "sort_order", "pk"
    )
    for item in items:
        position = positions.get(item.page_id, 0)
        positions[item.page_id] = position + 1
        group = (item.page.translation_key, position)
        item.translation_key = keys.setdefault(group, uuid.uuid4())
        item.locale_id = item.page.locale_id
        item.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [
        ("engagement_hub_meetings", "0002_room"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(bootstrap, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="agendaitem",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="agendaitem",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="agendaitem",
            unique_together={("translation_key", "locale")},
        ),
    ]
