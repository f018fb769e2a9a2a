"""Compile every ``django.po`` of the project into ``django.mo`` with polib.

Unlike ``compilemessages`` it needs no system gettext; the ``.mo`` files are
committed so a fresh machine has German at once.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def po_files(root: Path) -> list[Path]:
    skip = {".venv", "node_modules", "var", ".git"}
    return sorted(
        path
        for path in root.rglob("locale/*/LC_MESSAGES/django.po")
        if not skip.intersection(path.relative_to(root).parts)
    )


class Command(BaseCommand):
    help = "Compile the project's .po files into .mo files (no gettext needed)."

    def handle(self, *args, **options) -> None:
        for po_path in po_files(Path(settings.BASE_DIR)):
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            self.stdout.write(f"compiled {po_path}")
