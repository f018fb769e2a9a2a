"""Let a user represent a club, or take it back."""

from django.core.management.base import BaseCommand, CommandError

from engagement_hub.associations import representatives


class Command(BaseCommand):
    help = "grant|revoke <email-or-username> <club-slug>: club representatives' access."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["grant", "revoke"])
        parser.add_argument("user", help="email address or username")
        parser.add_argument("club", help="the club page's slug")

    def handle(self, *args, action, user, club, **options) -> None:
        try:
            if action == "grant":
                group = representatives.grant(user, club)
                self.stdout.write(f"{user} now represents {club} (group {group.name}).")
            else:
                representatives.revoke(user, club)
                self.stdout.write(f"{user} no longer represents {club}.")
        except LookupError as error:
            raise CommandError(f"Not found: {error}") from error
