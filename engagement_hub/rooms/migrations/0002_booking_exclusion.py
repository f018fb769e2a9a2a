"""No double booking on PostgreSQL: approved dates of a room never overlap, the
buffer included (``[starts_at, blocked_until)``). Needs btree_gist for the room
equality inside a GiST index. Other databases check in ``services.approve``."""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "eh_rooms_no_double_booking"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("engagement_hub_rooms", "Booking")._meta.db_table
    schema_editor.execute(
        f'ALTER TABLE "{table}" ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist '
        "(room_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&) "
        "WHERE (status = 'approved')"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("engagement_hub_rooms", "Booking")._meta.db_table
    schema_editor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT IF EXISTS {CONSTRAINT}')


class Migration(migrations.Migration):
    dependencies = [("engagement_hub_rooms", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, drop_constraint),
    ]
