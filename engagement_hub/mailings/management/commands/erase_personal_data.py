"""Erase everything the mailings app stores about an email address."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from engagement_hub.mailings import privacy


class Command(BaseCommand):
    help = "Erase the newsletter data of one email address."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument(
            "--keep-suppression",
            action="store_true",
            help="Keep the address on the do-not-mail list (if it asked for that).",
        )

    def handle(self, *args, email: str, keep_suppression: bool, **options) -> None:
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not an email address.") from None
        counts = privacy.erase(email, keep_suppression=keep_suppression)
        summary = ", ".join(f"{key}: {value}" for key, value in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Erased {email} ({summary})."))
