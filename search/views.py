"""Site search over every page type, in the active language."""

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from engagement_hub.core.conf import hub_settings

from . import query as site_search
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
    results, summary = [], []
    locale = Locale.objects.filter(language_code=get_language()).first()
    if (raw.strip() or cleaned_at_edge) and parsed.empty:
        notices.append(_("Please enter at least one word or number."))
    if parsed.empty or locale is None:
        hits = []
    else:
        hits = site_search.search(parsed, locale)
        summary = _summary(request, hits.counts, locale, parsed.text)
    paginator = Paginator(hits, hub_settings.PAGE_SIZE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        raise Http404("No such results page") from None
    if not parsed.empty:
        results = site_search.pages_in_order(list(page_obj.object_list))
    listings = {item["model"]: item["listing_url"] for item in summary}
    for page in results:
        page.search_listing_url = listings.get(page.specific_class)
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
