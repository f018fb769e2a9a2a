"""The German catalogues are complete and compiled, so a fresh machine needs no
gettext and shows no English in the German interface."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

from engagement_hub.core.management.commands.compile_translations import po_files

PO_FILES = po_files(Path(settings.BASE_DIR))
# Every app of the project (a folder with an apps.py), as `make messages` finds them.
APP_DIRS = sorted(
    str(path.parent.relative_to(settings.BASE_DIR))
    for pattern in ("engagement_hub/*/apps.py", "home/apps.py", "search/apps.py")
    for path in Path(settings.BASE_DIR).glob(pattern)
)


def _id(path: Path) -> str:
    return str(path.relative_to(settings.BASE_DIR))


def test_every_app_has_a_german_catalogue():
    found = {_id(path) for path in PO_FILES}
    assert "engagement_hub/core" in APP_DIRS
    for app in APP_DIRS:
        assert f"{app}/locale/de/LC_MESSAGES/django.po" in found


@pytest.mark.parametrize("po_path", PO_FILES, ids=_id)
def test_every_message_is_translated(po_path):
    catalogue = polib.pofile(str(po_path))

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert not untranslated, f"untranslated in {_id(po_path)}: {untranslated}"
    assert not fuzzy, f"fuzzy in {_id(po_path)}: {fuzzy}"
    assert not catalogue.metadata_is_fuzzy
    assert catalogue.metadata.get("Language") == "de"


@pytest.mark.parametrize("po_path", PO_FILES, ids=_id)
def test_committed_mo_file_matches_the_po_file(po_path, tmp_path):
    compiled = tmp_path / "django.mo"
    polib.pofile(str(po_path)).save_as_mofile(str(compiled))

    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"run `manage.py compile_translations` for {_id(po_path)}"
    assert mo_path.read_bytes() == compiled.read_bytes(), (
        f"{_id(mo_path)} is stale: run `manage.py compile_translations`"
    )


@pytest.mark.parametrize("po_path", PO_FILES, ids=_id)
def test_placeholders_survive_translation(po_path):
    import re

    placeholder = re.compile(r"%\(\w+\)s|\{\w*\}")
    for entry in polib.pofile(str(po_path)).translated_entries():
        pairs = (
            [(entry.msgid, entry.msgstr)]
            if not entry.msgid_plural
            else [(entry.msgid_plural, text) for text in entry.msgstr_plural.values()]
        )
        for source, translated in pairs:
            assert sorted(placeholder.findall(source)) == sorted(
                placeholder.findall(translated)
            ), f"{_id(po_path)}: {entry.msgid!r}"
