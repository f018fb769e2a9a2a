"""Create an admin account if none exists and print how to log in."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create a superuser 'admin' with a random password if no superuser exists."

    def handle(self, *args, **options) -> None:
        user_model = get_user_model()
        admin_url = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"
        if user_model.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                f"Admin: {admin_url} (an admin account exists; "
                "reset a password with `manage.py changepassword`)"
            )
            return
        password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser(
            username=USERNAME, email="admin@ludwigslust.example", password=password
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: {admin_url}  user: {USERNAME}  password: {password}"
            )
        )
