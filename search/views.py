"""Site search over every page type, in the active language."""

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from engagement_hub.core import render_cache
from engagement_hub.core.conf import hub_settings

from . import query as site_search
from .index import SEARCH
from .query import MAX_QUERY_LENGTH

__all__ = ["MAX_QUERY_LENGTH", "search"]


def search(request):
    raw = request.GET.get("q", "")
    parsed = site_search.parse(raw)
    # NUL bytes never reach the view (core.security.EdgeInputMiddleware removes them),
    # but the visitor is told, as for the characters parse() removes.
    cleaned_at_edge = getattr(request, "hub_cleaned_input", False)
    notices = []
    if parsed.cleaned or cleaned_at_edge:
        notices.append(
            _("Characters that cannot be searched were removed from your search term.")
        )
    if parsed.shortened:
        notices.append(
            _("Your search term was too long; only its beginning was searched.")
        )
    if (raw.strip() or cleaned_at_edge) and parsed.empty:
        notices.append(_("Please enter at least one word or number."))
    total, number, summary, results = _cached_results(request, parsed)
    paginator = Paginator(_OnePage(total, results), hub_settings.PAGE_SIZE)
    page_obj = paginator.page(number)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": parsed.text,
            "searched": not parsed.empty,
            "notices": notices,
            "page_obj": page_obj,
            "summary": summary,
            "results": results,
        },
    )


class _OnePage:
    """The hits of one results page, for a paginator that knows the total."""

    def __init__(self, total: int, hits: list):
        self.total, self.hits = total, hits

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        return self.hits


def _cached_results(request, parsed) -> tuple[int, int, list, list]:
    """(total hits, page number, summary per type, the pages of this results
    page): the same for every visitor, so cached (core.render_cache) until a page
    is indexed, unpublished, moved or restricted (``index.SEARCH``), another page
    changes or the day ends. An empty query finds nothing, without a query."""
    if parsed.empty:
        return 0, 1, [], []
    number = request.GET.get("page", "1")[:10]
    return render_cache.cached(
        "site-search",
        (request.get_host(), parsed.text, number, hub_settings.PAGE_SIZE),
        lambda: (_results(request, parsed, number), None),
        depends=(SEARCH,),
    )


def _results(request, parsed, number) -> tuple[int, int, list, list]:
    locale = Locale.objects.filter(language_code=get_language()).first()
    if locale is None:
        return 0, 1, [], []
    hits = site_search.search(parsed, locale)
    summary = _summary(request, hits.counts, locale, parsed.text)
    paginator = Paginator(hits, hub_settings.PAGE_SIZE)
    try:
        page_obj = paginator.page(number)
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        raise Http404("No such results page") from None
    results = site_search.pages_in_order(list(page_obj.object_list))
    listings = {item["model"]: item["listing_url"] for item in summary}
    for page in results:
        page.search_listing_url = listings.get(page.specific_class)
    return paginator.count, page_obj.number, summary, results


def _listing_parent(model):
    """The directory page type that lists ``model``'s pages (with ``?q=``), if any."""
    parents = model.allowed_parent_page_models()
    if len(parents) != 1:
        return None
    parent = parents[0]
    is_directory = callable(getattr(parent, "directory", None)) or any(
        cls.__name__ == "DirectoryIndexPage" for cls in parent.__mro__
    )
    return parent if is_directory else None


def _summary(request, counts: dict[int, int], locale, text: str) -> list[dict]:
    """Hits per page type, most first, each with its directory listing's address."""
    items = []
    for content_type_id, hits in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        meta = model._meta
        items.append(
            {
                "model": model,
                "count": hits,
                "label": meta.verbose_name if hits == 1 else meta.verbose_name_plural,
                "listing_url": None,
                "parent": _listing_parent(model),
            }
        )
    parents = {item["parent"] for item in items if item["parent"] is not None}
    if parents:
        found = {}
        indexes = (
            Page.objects.live()
            .public()
            .filter(
                locale=locale,
                content_type__in=[
                    ContentType.objects.get_for_model(p) for p in parents
                ],
            )
            .order_by("path")
        )
        for index in indexes:
            found.setdefault(index.content_type_id, index)
        for item in items:
            if item["parent"] is None:
                continue
            index = found.get(ContentType.objects.get_for_model(item["parent"]).pk)
            if index is not None:
                url = index.get_url(request)
                if url:
                    item["listing_url"] = f"{url}?{urlencode({'q': text})}"
    return items
