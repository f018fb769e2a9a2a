"""Create large synthetic directories for benchmarks (German only)."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from engagement_hub.core.models import Category

from ...scale import generate


class Command(BaseCommand):
    help = (
        "Add N associations and M offers (synthetic, German, live) below the "
        "directories of the default site, inserted in bulk."
    )

    def add_arguments(self, parser):
        parser.add_argument("--associations", type=int, default=1000)
        parser.add_argument("--offers", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("No default site: run `manage.py load_demo` first.")
        if not Category.objects.exists():
            raise CommandError("No taxonomy yet: run `manage.py load_demo` first.")
        if options["associations"] < 0 or options["offers"] < 0:
            raise CommandError("Counts must not be negative.")
        associations, offers = generate(
            site.root_page,
            options["associations"],
            options["offers"],
            seed=options["seed"],
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {options['associations']} associations below "
                f"{associations.url_path} and {options['offers']} offers below "
                f"{offers.url_path}."
            )
        )
