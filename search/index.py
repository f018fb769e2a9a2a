"""Builds and keeps the site search index (``SearchEntry``) current.

What a page type contributes is what it declares in Wagtail's ``search_fields``:
``SearchField`` values become its body (the title its title), and the names of what
``RelatedFields`` point to (taxonomy terms, tags, an offer's association) its keywords,
in the page's language. ``connect()`` (called by the app) re-indexes a page when it is
published, drops it when it is unpublished, and re-indexes the pages that show a
related object's name when that object changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models
from django.db.models.signals import post_delete, post_save
from django.utils.html import strip_tags
from modelsearch import index as search_index
from wagtail.models import Locale, Page, PageViewRestriction, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from engagement_hub.core.directory import cache as tokens

from .models import SearchEntry

# Generation token of the cached search results (views.py): renewed whenever the
# index, a page's URL or a view restriction changes.
SEARCH = "search:index"

# PostgreSQL text-search configuration per language; others are not stemmed.
CONFIGS = {"de": "german", "en": "english"}
DEFAULT_CONFIG = "simple"
BATCH = 500

_NOT_A_WORD = re.compile(r"[\W_]+")


def config_for(language_code: str) -> str:
    return CONFIGS.get(language_code.split("-")[0].lower(), DEFAULT_CONFIG)


def fold(text: str) -> str:
    """Case-folded words separated by single spaces, with a space at both ends
    (so that ``LIKE '% word%'`` matches a word's beginning)."""
    words = _NOT_A_WORD.sub(" ", text.casefold()).split()
    return f" {' '.join(words)} " if words else " "


# --- what a page says --------------------------------------------------------------


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_as_text(item) for item in value.values())
    if isinstance(value, models.Model):
        return str(value)
    return strip_tags(str(value))


def _localized(obj, locale_id: int):
    """A translatable related object in the page's language, if translated."""
    if getattr(obj, "locale_id", locale_id) == locale_id:
        return obj
    translation = (
        type(obj)
        ._default_manager.filter(
            translation_key=obj.translation_key, locale_id=locale_id
        )
        .first()
    )
    if isinstance(translation, Page) and not translation.live:
        return obj
    return translation or obj


def _related_texts(obj, field: search_index.RelatedFields, locale_id: int) -> list[str]:
    value = field.get_value(obj)
    if value is None:
        return []
    related = value.all() if isinstance(value, models.Manager) else [value]
    texts = []
    for item in related:
        item = _localized(item, locale_id)
        for sub_field in field.fields:
            if isinstance(sub_field, search_index.SearchField):
                texts.append(_as_text(sub_field.get_value(item)))
            elif isinstance(sub_field, search_index.RelatedFields):
                texts.extend(_related_texts(item, sub_field, locale_id))
    return texts


def page_texts(page: Page) -> tuple[str, str, str]:
    """(title, keywords, body) of a specific page."""
    keywords, body = [], []
    for field in page.get_search_fields():
        if isinstance(field, search_index.RelatedFields):
            keywords.extend(_related_texts(page, field, page.locale_id))
        elif isinstance(field, search_index.SearchField) and field.field_name not in (
            "title",
        ):
            body.append(_as_text(field.get_value(page)))
    join = " ".join
    return page.title, join(t for t in keywords if t), join(t for t in body if t)


def _entry(page: Page, config: str) -> SearchEntry:
    title, keywords, body = page_texts(page)
    return SearchEntry(
        page_id=page.pk,
        locale_id=page.locale_id,
        content_type_id=page.content_type_id,
        config=config,
        title=title,
        keywords=keywords,
        body=body,
        summary=_as_text(
            page.search_description or getattr(page, "short_description", "")
        ),
        folded_title=fold(title),
        folded=fold(f"{title} {keywords} {body}"),
    )


def _update_vectors(page_ids: list[int]) -> None:
    if connection.vendor != "postgresql" or not page_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE search_searchentry SET vector = "
            "setweight(to_tsvector(config::regconfig, title), 'A') || "
            "setweight(to_tsvector(config::regconfig, keywords), 'B') || "
            "setweight(to_tsvector(config::regconfig, body), 'C') "
            "WHERE page_id = ANY(%s)",
            [page_ids],
        )


def index_pages(pages: Iterable[Page]) -> int:
    """(Re-)index live pages (specific or not); drop the others. Returns the count
    indexed."""
    pages = [page.specific for page in pages]
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    live = [page for page in pages if page.live and page.depth > 1]
    gone = [page.pk for page in pages if page not in live]
    if gone:
        SearchEntry.objects.filter(page_id__in=gone).delete()
    entries = [_entry(page, config_for(languages[page.locale_id])) for page in live]
    SearchEntry.objects.filter(page_id__in=[e.page_id for e in entries]).delete()
    SearchEntry.objects.bulk_create(entries, batch_size=BATCH)
    _update_vectors([e.page_id for e in entries])
    index_changed()
    return len(entries)


def index_changed(*_args, **kwargs) -> None:
    """Cached search results are stale (at once and after the commit)."""
    if not kwargs.get("raw"):
        tokens.renew_on_commit(SEARCH)


def rebuild(stdout=None) -> int:
    """Index every live page again (after bulk imports that bypass publishing)."""
    SearchEntry.objects.all().delete()
    index_changed()
    count = 0
    pages = Page.objects.live().filter(depth__gt=1).order_by("pk")
    by_type: dict[int, list[int]] = {}
    for pk, content_type_id in pages.values_list("pk", "content_type_id"):
        by_type.setdefault(content_type_id, []).append(pk)
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        queryset = model._default_manager.all()
        for field in model.get_search_fields():
            if isinstance(field, search_index.RelatedFields):
                queryset = field.select_on_queryset(queryset)
        for start in range(0, len(ids), BATCH):
            count += index_pages(queryset.filter(pk__in=ids[start : start + BATCH]))
            if stdout is not None:
                stdout.write(f"{count} pages indexed")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
    return count


# --- keeping it current ------------------------------------------------------------


def _dependencies() -> dict[type, list[tuple[type, str]]]:
    """related model -> [(page model, field name)] from the RelatedFields that page
    types declare."""
    found: dict[type, list[tuple[type, str]]] = {}
    for model in get_page_models():
        for field in model.get_search_fields():
            if not isinstance(field, search_index.RelatedFields):
                continue
            try:
                related = model._meta.get_field(field.field_name).related_model
            except FieldDoesNotExist:
                related = None  # a computed attribute: nothing to follow
            uses = found.setdefault(related, []) if related is not None else []
            if related is not None and (model, field.field_name) not in uses:
                uses.append((model, field.field_name))
    return found


_DEPENDENCIES: dict | None = None


def dependencies() -> dict[type, list[tuple[type, str]]]:
    global _DEPENDENCIES
    if _DEPENDENCIES is None:
        _DEPENDENCIES = _dependencies()
    return _DEPENDENCIES


def reindex_dependents(obj) -> None:
    """Re-index the live pages that show ``obj``'s name (in any language)."""
    targets = []
    for related_model, uses in dependencies().items():
        if not isinstance(obj, related_model):
            continue
        if hasattr(obj, "translation_key"):
            keys = list(
                related_model._default_manager.filter(
                    translation_key=obj.translation_key
                ).values_list("pk", flat=True)
            )
        else:
            keys = [obj.pk]
        for model, field_name in uses:
            targets.extend(
                model.objects.live().filter(**{f"{field_name}__in": keys}).distinct()
            )
    if targets:
        index_pages(targets)


def _on_published(sender, instance, **kwargs):
    index_pages([instance])
    reindex_dependents(instance)


def _on_unpublished(sender, instance, **kwargs):
    SearchEntry.objects.filter(page_id=instance.pk).delete()
    index_changed()
    reindex_dependents(instance)


def _on_related_changed(sender, instance, **kwargs):
    if isinstance(instance, Page) or kwargs.get("raw"):
        return
    if any(isinstance(instance, model) for model in dependencies()):
        reindex_dependents(instance)


def connect() -> None:
    page_published.connect(_on_published, dispatch_uid="site_search_published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="site_search_unpublished")
    post_save.connect(_on_related_changed, dispatch_uid="site_search_related_saved")
    # Results show pages' URLs and leave out restricted pages.
    post_page_move.connect(index_changed, dispatch_uid="site_search_moved")
    post_delete.connect(index_changed, sender=Page, dispatch_uid="site_search_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            index_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"site_search_restriction_{signal}",
        )
