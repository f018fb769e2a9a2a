"""Print everything every domain stores about an email address as JSON."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from engagement_hub.core import personal_data


class Command(BaseCommand):
    help = "Export the personal data of one email address (JSON on stdout)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")

    def handle(self, *args, email: str, **options) -> None:
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not an email address.") from None
        self.stdout.write(
            json.dumps(personal_data.export(email), indent=2, ensure_ascii=False)
        )
