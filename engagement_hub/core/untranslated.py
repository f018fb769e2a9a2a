"""What the hub does with a page nobody has translated yet.

wagtail-localize keeps every language's tree complete: a German page gets a
synchronised copy under ``/en/`` at once (an *alias* of the German page) until an
editor translates it. ``ENGAGEMENT_HUB_UNTRANSLATED_PAGES`` says what visitors of
the other language get:

- ``"notice"`` (default): the copy is shown, marked "This page has not been
  translated yet; it is shown in German", with ``lang="de"`` on its content and
  without ``hreflang``;
- ``"hide"``: the copy is left out of that language's listings, menu, home page
  sections, site search and sitemap; its address leads (302) to the original page,
  and the language switcher offers the other language's home page instead.
"""

from __future__ import annotations

from django.db.models import F, Q

from .conf import hub_settings

NOTICE, HIDE = "notice", "hide"


def untranslated_q(prefix: str = "") -> Q:
    """An alias in another locale than its original: a page not yet translated
    (``prefix`` for rows pointing at pages, e.g. ``"page__"``)."""
    return Q(**{f"{prefix}alias_of__isnull": False}) & ~Q(
        **{f"{prefix}alias_of__locale_id": F(f"{prefix}locale_id")}
    )


def hiding() -> bool:
    return hub_settings.UNTRANSLATED_PAGES == HIDE


def is_untranslated(page) -> bool:
    original = getattr(page, "alias_of", None) if page.alias_of_id else None
    return original is not None and original.locale_id != page.locale_id


def without_untranslated(queryset, prefix: str = ""):
    """``queryset`` (of pages, or of rows pointing at pages through ``prefix``,
    e.g. ``"page__"``) without untranslated copies while they are hidden."""
    return queryset.exclude(untranslated_q(prefix)) if hiding() else queryset


def original_url(page, request) -> str | None:
    """Where a hidden copy sends its visitor: the original page."""
    if not (hiding() and is_untranslated(page)):
        return None
    return page.alias_of.get_url(request=request)
