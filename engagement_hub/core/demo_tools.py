"""Helpers for demo content: idempotent creation and English translations through
wagtail-localize (so editors see real, syncable translations in the admin).

Each app may ship a ``demo.py`` with ``load(context: DemoContext) -> None``; the
``load_demo`` command calls them in INSTALLED_APPS order. They must be idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polib
from django.db import models
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from engagement_hub.core.slugs import ascii_slugify


@dataclass
class DemoContext:
    """What the demo loaders share: the locales, the German home page, a log."""

    de: Locale
    en: Locale
    home: Page
    stdout: object = None
    created: list[str] = field(default_factory=list)
    # Domains add StreamField blocks for the home page, and their English strings.
    home_blocks: list[tuple[str, dict]] = field(default_factory=list)
    home_strings: dict[str, str] = field(default_factory=dict)

    def log(self, message: str) -> None:
        self.created.append(message)
        if self.stdout is not None:
            self.stdout.write(message)


def translate(
    instance, locale: Locale, strings: dict[str, str], *, update: bool = False
) -> models.Model:
    """Create (or, with ``update``, refresh) the ``locale`` translation of a page or
    snippet through wagtail-localize.

    ``strings`` maps German source strings to their translation; strings not in it
    stay in German. A page's slug is translated like any string (``{"vereine":
    "clubs"}``); without one, the translated title gives the slug. Parents of a
    page must be translated first. Returns the translated (and, for pages,
    published) instance.
    """
    if isinstance(instance, Page):
        instance = instance.specific
    existing = instance.get_translation_or_none(locale)
    is_alias = existing is not None and getattr(existing, "alias_of_id", None)
    if existing is not None and not is_alias and not update:
        return existing
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    # What TranslationCreator does, minus its first save_target: the target is
    # saved once, with the English strings already imported.
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    title = getattr(instance, "title", None)
    for entry in po:
        if entry.msgid in strings:
            entry.msgstr = strings[entry.msgid]
    for entry in po:
        # A page with a translated title gets a slug from it (/en/offers/, not
        # /en/angebote/), unless ``strings`` names one.
        if entry.msgctxt == "slug" and not entry.msgstr and title in strings:
            entry.msgstr = ascii_slugify(strings[title]) or entry.msgid
    translation.import_po(polib.pofile(str(po)))
    translation.save_target(publish=True)
    return instance.get_translation(locale)


def get_or_create_child(parent: Page, model: type[Page], slug: str, **fields) -> Page:
    """The live child page with ``slug`` under ``parent``, created and published if
    new."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
