"""Create the Ludwigslust demo site in German with English translations.

Idempotent: running it again changes nothing. Each installed app may add content
through a ``demo.py`` module with a ``load(context)`` function.
"""

from importlib import import_module

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from wagtail.models import Page

from engagement_hub.core.demo_tools import DemoContext
from home.demo import prepare_site


class Command(BaseCommand):
    help = "Create the Ludwigslust demo content (German, with English translations)."

    def handle(self, *args, **options) -> None:
        with translation.override("de"), transaction.atomic():
            de, en, home = prepare_site(self.stdout)
            context = DemoContext(de=de, en=en, home=home, stdout=self.stdout)
            for app_config in apps.get_app_configs():
                try:
                    module = import_module(f"{app_config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{app_config.name}.demo":
                        raise
                    continue
                if hasattr(module, "load"):
                    module.load(context)
            # The roles, with a group per demo club (idempotent).
            call_command("setup_roles", stdout=self.stdout)
            # wagtail-localize saves each translated page in an on-commit callback,
            # with the instance as it was when translated; a parent translated before
            # its children is thus saved with a stale child count. Registered last,
            # this recount runs after all of them.
            transaction.on_commit(lambda: Page.fix_tree(fix_paths=False))
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
