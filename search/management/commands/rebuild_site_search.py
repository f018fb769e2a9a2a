from django.core.management.base import BaseCommand

from search.index import rebuild


class Command(BaseCommand):
    help = "Index every live page for site search again (after bulk imports)."

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(f"{count} pages indexed for site search.")
