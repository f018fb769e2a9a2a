"""The signal receivers that renew the caches' generation tokens (connected in
``CoreConfig.ready``).

- A directory entry published: it is patched into its listing's cached facet index
  and its model token renewed (the cards that show it); unpublished, deleted or
  moved: the listing of the index page above it (before and after a move) is
  rebuilt (``directory.cache``).
- A taxonomy term changed: the ``terms`` token (term names are on every listing).
- Any other page published, unpublished, moved or deleted: its language versions'
  token, and the frame's ``pages`` token when the frame can show it, else its model
  token (``chrome_cache``).
- The hub settings, an image (the logo) or a locale changed: the ``pages`` token.
- A view restriction added, changed or removed: the ``pages`` token and the listing
  of every directory index page above, at or below the restricted page.

Every renewal happens at once and again after the commit
(``directory.cache.now_and_on_commit``).
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .chrome_cache import PAGES, in_frame, translation_token
from .directory import cache as tokens
from .directory.listing import patch_index
from .directory.models import DirectoryEntry, DirectoryIndexPage, index_page_of
from .models import Category, District, HubSettings, TargetGroup

# --- directory listings ------------------------------------------------------------


def _dependants_of(page) -> list[str]:
    """Token names of the card caches that show ``page`` (``card_depends_on``)."""
    return [tokens.model_token_name(page._meta.label_lower)]


def entry_published(sender, instance, **kwargs) -> None:
    if not isinstance(instance, DirectoryEntry):
        return
    index_page = index_page_of(instance)
    names = _dependants_of(instance)
    if index_page is None:
        tokens.renew_on_commit(*names)
        return
    pk = instance.pk

    def apply():
        patch_index(index_page, pk)
        tokens.renew(*names)

    tokens.now_and_on_commit(apply)


def entry_removed(sender, instance, **kwargs) -> None:
    """Unpublished, deleted or moved: the listing above it is rebuilt."""
    if not isinstance(instance, DirectoryEntry):
        return
    names = _dependants_of(instance)
    index_page = index_page_of(instance)
    if index_page is not None:
        names.append(tokens.page_token_name(index_page.pk))
    tokens.renew_on_commit(*names)


def entry_moved(
    sender, instance, parent_page_before=None, parent_page_after=None, **kwargs
):
    if not isinstance(instance, DirectoryEntry):
        return
    names = _dependants_of(instance)
    for parent in (parent_page_before, parent_page_after):
        if parent is not None:
            names.append(tokens.page_token_name(parent.pk))
    tokens.renew_on_commit(*names)


def terms_changed(sender, instance, **kwargs) -> None:
    tokens.renew_on_commit(tokens.TERMS)


# --- the frame and the cached fragments ---------------------------------------------


def pages_changed(sender, instance=None, **kwargs) -> None:
    """A page's language versions change with it; the frame only when it can show
    the page, otherwise the page's model token (directory entries: renewed with
    their listing above)."""
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
    """What anonymous visitors may see below the restricted page changed. Renewed:
    the frame and every cached fragment (the ``pages`` token), and the listing of
    every directory index page above, at or below the restricted page (their
    queries keep only public pages, so the rebuilt listings drop a restricted entry
    and show it again once the restriction goes)."""
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
    page_published.connect(entry_published, dispatch_uid="eh-directory-published")
    page_unpublished.connect(entry_removed, dispatch_uid="eh-directory-unpublished")
    post_page_move.connect(entry_moved, dispatch_uid="eh-directory-moved")
    post_delete.connect(entry_removed, dispatch_uid="eh-directory-deleted")
    for model in (Category, TargetGroup, District):
        for signal in (post_save, post_delete):
            signal.connect(
                terms_changed,
                sender=model,
                dispatch_uid=f"eh-directory-terms-{signal}-{model.__name__}",
            )

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
    # The cached locales (``chrome_cache.default_locale``, ``active_locale``).
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
