"""Full text for the directory listings' ``?q=``, on the site search index.

The directory engine asks ``listing_matches(index_page, query)`` (setting
``ENGAGEMENT_HUB_LISTING_TEXT_SEARCH``) for the pages whose text holds every word;
it keeps the answer per query until the listing changes. A page's text is what
site search indexes: title, the names of its terms and tags (an offer's
association too) and the fields it declares in ``search_fields``.

Every word must occur in the page, also inside a compound ("chor" finds
"Seniorenchor", "Sport" finds "Sportverein"), after a few common German and English
endings were taken off ("Kurse" finds "Malkurs"); "quoted words" must occur in this
order. PostgreSQL matches the word's stems too, with the German (or English)
configuration of the listing's language ("Gärten" finds "Garten"): the ``tsvector``
GIN index and a trigram GIN index on the folded text (migration 0003) answer it.
SQLite answers from an FTS5 trigram index over the folded text.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from .index import config_for, fold
from .models import SearchEntry
from .query import _light_stem, parse

# The trigram tokenizer indexes three characters; shorter parts use LIKE.
TRIGRAM = 3


def _parts(query: str) -> list[str]:
    """The case-folded strings that must occur: stemmed words, then phrases."""
    parsed = parse(query)
    parts = [_light_stem(fold(word).strip()) for word in parsed.words]
    parts += [fold(" ".join(phrase)).strip() for phrase in parsed.phrases]
    return [part for part in parts if part]


def _postgres_condition(word: str, config: str):
    """The word inside the folded text, or its stem as a word prefix."""
    stemmed = RawSQL(
        "search_searchentry.vector @@ to_tsquery(%s::regconfig, %s)",
        [config, f"'{word}':*"],
        output_field=BooleanField(),
    )
    return Q(stemmed) | Q(folded__contains=word)


def _sqlite_filter(entries, parts: list[str]):
    indexed = [part for part in parts if len(part) >= TRIGRAM]
    for part in parts:
        if len(part) < TRIGRAM:
            entries = entries.filter(folded__contains=part)
    if indexed:
        # Parts hold letters, digits and single spaces only (fold): safe to quote.
        match = " AND ".join(f'"{part}"' for part in indexed)
        entries = entries.filter(
            page_id__in=RawSQL(
                "SELECT rowid FROM search_searchentry_fts "
                "WHERE search_searchentry_fts MATCH %s",
                [match],
            )
        )
    return entries


def listing_matches(index_page, query: str) -> set[int]:
    """The pks of ``index_page``'s entry type, in its language, whose text holds
    every word of ``query`` (one query)."""
    parts = _parts(query)
    if not parts:
        return set()
    model = index_page.get_entry_model()
    entries = SearchEntry.objects.filter(
        locale_id=index_page.locale_id,
        content_type=ContentType.objects.get_for_model(model),
    )
    if connection.vendor == "postgresql":
        config = config_for(index_page.locale.language_code)
        for part in parts:
            if " " in part:  # a phrase
                entries = entries.filter(folded__contains=part)
            else:
                entries = entries.filter(_postgres_condition(part, config))
    else:
        entries = _sqlite_filter(entries, parts)
    return set(entries.values_list("page_id", flat=True))
