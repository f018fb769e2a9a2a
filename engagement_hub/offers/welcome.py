"""The welcome page's entries, localized in bulk, and their QR codes."""

from __future__ import annotations

from dataclasses import dataclass, field

import segno
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.models import Locale


@dataclass
class Entry:
    kind: str
    page: object
    note: str
    url: str
    absolute_url: str
    qr_svg: str = ""

    @property
    def slots(self) -> list:
        """When it takes place (prefetched with the page)."""
        relation = getattr(self.page, "slots_relation", "")
        return list(getattr(self.page, relation).all()) if relation else []

    @property
    def where(self) -> str:
        return ", ".join(getattr(self.page, "address_lines", []))


@dataclass
class Section:
    heading: str | None
    entries: list[Entry] = field(default_factory=list)


def welcome_sections(page, request) -> list[Section]:
    """Sections of live, public entries in the active language (a constant number
    of queries: one per entry type, whatever the number of entries)."""
    locale = Locale.get_active()
    # The entry kinds and their page types, as the stream's blocks declare them
    # (an "offer" block chooses offer pages, an "association" block clubs).
    models = {
        name: block.child_blocks["page"].target_model
        for name, block in page.entries.stream_block.child_blocks.items()
        if "page" in getattr(block, "child_blocks", {})
    }
    chosen = {kind: [] for kind in models}
    for block in page.entries:
        if block.block_type in chosen and block.value["page"] is not None:
            chosen[block.block_type].append(block.value["page"])
    localized = {
        kind: _localize(model, chosen[kind], locale) for kind, model in models.items()
    }
    sections = [Section(None)]
    for block in page.entries:
        if block.block_type == "heading":
            sections.append(Section(block.value))
            continue
        source = block.value["page"]
        target = localized[block.block_type].get(
            getattr(source, "translation_key", None)
        )
        if target is None:
            continue
        url = target.get_url(request)
        sections[-1].entries.append(
            Entry(
                block.block_type,
                target,
                block.value["note"],
                url,
                request.build_absolute_uri(url),
            )
        )
    return [section for section in sections if section.entries]


def _localize(model, pages: list, locale: Locale) -> dict:
    """translation_key -> live, public page in ``locale`` (or the chosen page itself
    if it has no live translation)."""
    keys = {p.translation_key for p in pages}
    found = {
        p.translation_key: p
        for p in model.objects.live()
        .public()
        .filter(translation_key__in=keys, locale=locale)
        .select_related("district")
        .prefetch_related(model.slots_relation)
    }
    live_ids = set(
        model.objects.live()
        .public()
        .filter(pk__in=[p.pk for p in pages])
        .values_list("pk", flat=True)
    )
    missing = [
        p.pk for p in pages if p.translation_key not in found and p.pk in live_ids
    ]
    for p in model.objects.filter(pk__in=missing).prefetch_related(
        model.slots_relation
    ):
        found[p.translation_key] = p
    return found


def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code for ``url``, named for screen readers."""
    svg = segno.make(url, error="m").svg_inline(scale=3, border=2, omitsize=False)
    attributes = f'<svg role="img" aria-label="{escape(label)}" focusable="false" '
    return mark_safe(svg.replace("<svg ", attributes, 1))  # noqa: S308 - label escaped


def add_qr_codes(sections: list[Section]) -> None:
    for section in sections:
        for entry in section.entries:
            label = gettext("QR code: link to %(title)s") % {"title": entry.page.title}
            entry.qr_svg = qr_svg(entry.absolute_url, label)
