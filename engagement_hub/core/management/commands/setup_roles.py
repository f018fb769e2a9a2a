"""Create or complete the hub's roles (groups and their permissions); idempotent."""

from django.core.management.base import BaseCommand

from engagement_hub.core.roles import setup_roles


class Command(BaseCommand):
    help = "Create or complete the hub's roles (groups with their permissions)."

    def handle(self, *args, **options) -> None:
        groups = setup_roles()
        for name in groups:
            self.stdout.write(f"Role ready: {name}")
