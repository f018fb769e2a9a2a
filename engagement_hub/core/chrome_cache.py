"""A cache for what every page's frame shows (home page, main menu, legal links,
language alternates) and for the locales: a handful of queries per request
otherwise.

Everything is cached under one ``pages`` token that any publish, unpublish, move or
delete of a page the frame can show, and any change of the hub settings, of an
image (the logo) or of a locale, renews (at once and after the commit, see
``directory.cache.now_and_on_commit``); a page's language versions also under a
token of its translation key, which every change of one of its translations renews.

A page type the frame never shows (unless an editor puts a page of it in the menu)
says so with ``shown_in_frame = False``: directory entries, meetings, funding
guides. Publishing one renews its model token (``directory.cache.model_token_name``)
instead of ``pages``, so the frame and every other page's cached parts stay; the
fragments that show pages of that type (a calendar, a room's regular uses) depend
on the model token.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import translation

from .directory import cache as tokens

PAGES = "pages"


def translation_token(translation_key) -> str:
    return f"translations:{translation_key}"


def cached(name: str, parts: tuple, compute, *, also: tuple[str, ...] = ()):
    """``compute()``, cached under the ``pages`` token and the tokens ``also``: the
    value is stored with the tokens it was computed under, so that reading it and
    the current tokens is one round trip."""
    names = [PAGES, *also]
    key = "eh:chrome:" + ":".join([name, *map(str, parts)])
    token_keys = [tokens.token_key(n) for n in names]
    found = cache.get_many([key, *token_keys])
    current = tuple(found.get(k) for k in token_keys)
    stored = found.get(key)
    if stored is not None and None not in current and stored[0] == current:
        return stored[1]
    current = tuple(tokens.tokens(names)[n] for n in names)
    value = compute()
    cache.set(key, (current, value), timeout=24 * 3600)
    return value


def _locale_pks() -> dict[str, int]:
    """``{language code: pk}`` of every locale (saving or deleting one renews the
    ``pages`` token)."""
    from wagtail.models import Locale

    return cached(
        "locales", (), lambda: dict(Locale.objects.values_list("language_code", "pk"))
    )


def _locale(language_code):
    """The locale of ``language_code`` (a supported content language) from the
    cached locales, or None."""
    from wagtail.models import Locale

    pk = _locale_pks().get(language_code)
    return None if pk is None else Locale(pk=pk, language_code=language_code)


def default_locale():
    """``Locale.get_default()`` without a query once the locales are cached."""
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return _locale(code) or Locale.get_default()


def active_locale():
    """``Locale.get_active()`` without a query once the locales are cached."""
    from wagtail.coreutils import get_supported_content_language_variant

    try:
        code = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return default_locale()
    return _locale(code) or default_locale()


def in_frame(page) -> bool:
    """Whether the frame (home page, menu, legal links) can show ``page``."""
    return page.show_in_menus or getattr(page, "shown_in_frame", True)


def pages_changed(sender, instance=None, **kwargs) -> None:
    """A page's language versions change with it; the frame only when it can show
    the page, otherwise the page's model token (directory entries: renewed with
    their listing by ``directory.cache``)."""
    from wagtail.models import Page

    from .directory.models import DirectoryEntry

    if instance is None or not isinstance(instance, Page):
        return
    names = [translation_token(instance.translation_key)]
    if in_frame(instance):
        names.append(PAGES)
    elif not isinstance(instance, DirectoryEntry):
        names.append(tokens.model_token_name(instance._meta.label_lower))
    tokens.renew_on_commit(*names)


def settings_changed(sender, **kwargs) -> None:
    tokens.renew_on_commit(PAGES)


def restriction_changed(sender, instance, **kwargs) -> None:
    """A view restriction added, changed or removed: what anonymous visitors may see
    below its page changed. Renewed: the frame and every cached fragment (the
    ``pages`` token), and the listing of every directory index page above, at or
    below the restricted page (their queries keep only public pages, so the rebuilt
    listings drop a restricted entry and show it again once the restriction goes)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    from .directory.models import DirectoryIndexPage

    page = Page.objects.filter(pk=instance.page_id).only("path").first()
    names = [PAGES]
    if page is not None:
        steplen = Page.steplen
        ancestors = [page.path[:end] for end in range(steplen, len(page.path), steplen)]
        index_types = ContentType.objects.get_for_models(
            *(
                model
                for model in apps.get_models()
                if issubclass(model, DirectoryIndexPage)
            )
        ).values()
        names += [
            tokens.page_token_name(pk)
            for pk in Page.objects.filter(
                Q(path__startswith=page.path) | Q(path__in=ancestors),
                content_type__in=list(index_types),
            ).values_list("pk", flat=True)
        ]
    tokens.renew_on_commit(*names)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.images import get_image_model
    from wagtail.models import Locale, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models import HubSettings

    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"eh-chrome-restriction-{signal}",
        )

    page_published.connect(pages_changed, dispatch_uid="eh-chrome-published")
    page_unpublished.connect(pages_changed, dispatch_uid="eh-chrome-unpublished")
    post_page_move.connect(pages_changed, dispatch_uid="eh-chrome-moved")
    post_delete.connect(pages_changed, dispatch_uid="eh-chrome-deleted")
    post_save.connect(
        settings_changed, sender=HubSettings, dispatch_uid="eh-chrome-settings"
    )
    # The cached locales (``default_locale``, ``active_locale``).
    for signal in (post_save, post_delete):
        signal.connect(
            settings_changed, sender=Locale, dispatch_uid=f"eh-chrome-locale-{signal}"
        )
    # The frame shows the logo's rendition (``hub_tags.site_logo``).
    image_model = get_image_model()
    for signal in (post_save, post_delete):
        signal.connect(
            settings_changed,
            sender=image_model,
            dispatch_uid=f"eh-chrome-image-{signal}",
        )
