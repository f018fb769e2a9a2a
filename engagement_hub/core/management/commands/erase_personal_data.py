"""Erase everything every domain stores about an email address."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from engagement_hub.core import personal_data


class Command(BaseCommand):
    help = "Erase the personal data of one email address in every domain."

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
        counts = personal_data.erase(email, keep_suppression=keep_suppression)
        summary = ", ".join(
            f"{domain}.{key}: {value}"
            for domain, kinds in counts.items()
            for key, value in kinds.items()
        )
        self.stdout.write(self.style.SUCCESS(f"Erased {email} ({summary})."))
