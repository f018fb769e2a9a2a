"""Turns what a visitor typed into a search over ``SearchEntry``.

A query is words and "quoted phrases"; every word must match the beginning of a word
of the page (so "Sport" finds "Sportverein"), every phrase its words in order. Anything
but letters and digits is a separator, so no input can break the database's query
syntax. PostgreSQL stems both sides with the configuration of the visitor's language
(GIN index on ``vector``); other databases match case-folded word prefixes, with a few
common German and English endings taken off long words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Case, Count, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL
from wagtail.models import Page, PageViewRestriction

from engagement_hub.core.untranslated import without_untranslated

from .index import config_for, fold
from .models import SearchEntry

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"')
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Longest first; taken off words of at least MIN_STEM_LENGTH + len(ending) letters.
_ENDINGS = ("ern", "en", "er", "es", "e", "n", "s")
MIN_STEM_LENGTH = 4


@dataclass
class ParsedQuery:
    text: str  # what is shown back to the visitor
    words: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    shortened: bool = False
    cleaned: bool = False

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases


def parse(raw: str) -> ParsedQuery:
    cleaned = _CONTROL.sub(" ", raw)
    text = cleaned.strip()
    shortened = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH].strip()
    phrases = []
    for match in _PHRASE.findall(text):
        words = _WORD.findall(match)
        if len(words) > 1:
            phrases.append(words)
    rest = _PHRASE.sub(
        lambda m: " " if len(_WORD.findall(m.group(1))) > 1 else m.group(1), text
    )
    words = []
    for word in _WORD.findall(rest):
        if word.casefold() not in (w.casefold() for w in words):
            words.append(word)
    total = len(words) + sum(len(p) for p in phrases)
    if total > MAX_TERMS:
        shortened = True
        words = words[:MAX_TERMS]
        phrases = phrases[: max(0, MAX_TERMS - len(words))]
    return ParsedQuery(
        text=text,
        words=words,
        phrases=phrases,
        shortened=shortened,
        cleaned=cleaned != raw,
    )


def _light_stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM_LENGTH:
            return word[: -len(ending)]
    return word


# --- matching ---------------------------------------------------------------------


def _tsquery(query: ParsedQuery) -> str:
    """Raw tsquery text; the words contain only letters and digits."""
    parts = [f"'{word}':*" for word in query.words]
    parts += [
        "(" + " <-> ".join(f"'{word}'" for word in phrase) + ")"
        for phrase in query.phrases
    ]
    return " & ".join(parts)


def _postgres(entries, query: ParsedQuery, config: str):
    """(filtered entries, rank expression)."""
    tsquery = _tsquery(query)
    condition = RawSQL(
        "search_searchentry.vector @@ to_tsquery(%s::regconfig, %s)",
        [config, tsquery],
        output_field=BooleanField(),
    )
    rank = RawSQL(
        "ts_rank(search_searchentry.vector, to_tsquery(%s::regconfig, %s))",
        [config, tsquery],
        output_field=FloatField(),
    )
    return entries.filter(condition), rank


def _folded(entries, query: ParsedQuery):
    """(filtered entries, rank expression): word prefixes in the case-folded text,
    ranked by how many of them are in the title."""
    patterns = [f" {_light_stem(fold(word).strip())}" for word in query.words]
    patterns += [fold(" ".join(phrase)) for phrase in query.phrases]
    condition = Q()
    rank = Value(0)
    for pattern in patterns:
        condition &= Q(folded__contains=pattern)
        rank = rank + Case(
            When(folded_title__contains=pattern, then=Value(1)),
            default=Value(0),
        )
    return entries.filter(condition), rank


def matching(query: ParsedQuery, locale):
    """(entries of live, public pages in ``locale`` that match, rank expression)."""
    # Only live pages have entries (unpublishing deletes them): no join needed.
    entries = without_untranslated(
        SearchEntry.objects.filter(locale=locale), prefix="page__"
    )
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    for path in restricted:
        entries = entries.exclude(page__path__startswith=path)
    if connection.vendor == "postgresql":
        return _postgres(entries, query, config_for(locale.language_code))
    return _folded(entries, query)


@dataclass
class Results:
    """One search: hits per page type and a sequence of page ids for a paginator."""

    entries: object
    counts: dict[int, int]  # content type id -> hits

    def count(self) -> int:
        return sum(self.counts.values())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        """(page id, summary) of the hits in ``index`` (a slice)."""
        return list(self.entries.values_list("page_id", "summary")[index])


def search(query: ParsedQuery, locale) -> Results:
    entries, rank = matching(query, locale)
    counts = dict(
        entries.order_by()
        .values_list("content_type_id")
        .annotate(hits=Count("page_id"))
        .values_list("content_type_id", "hits")
    )
    ranked = entries.annotate(rank=rank).order_by("-rank", "title", "page_id")
    return Results(entries=ranked, counts=counts)


def pages_in_order(hits: list[tuple[int, str]]) -> list[Page]:
    """The (generic) pages of one results page's hits, in rank order, each with
    ``search_type_label`` (its page type's name) and ``search_summary``: one
    query, whatever the page types."""
    summaries = dict(hits)
    by_id = Page.objects.filter(pk__in=summaries).select_related("locale").in_bulk()
    pages = []
    for pk in summaries:
        page = by_id.get(pk)
        if page is None:
            continue
        model = page.specific_class or Page
        page.search_type_label = model._meta.verbose_name
        page.search_summary = summaries.get(pk, "")
        pages.append(page)
    return pages
