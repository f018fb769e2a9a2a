"""Site search over every page type, in the active language."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from wagtail.models import Locale, Page
from wagtail.search.utils import parse_query_string

from engagement_hub.core.conf import hub_settings

# A search phrase longer than this is cut: nobody types more, and it bounds the work.
MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        locale = Locale.objects.filter(language_code=get_language()).first()
        pages = Page.objects.live().public().exclude(depth__lte=1)
        if locale is not None:
            pages = pages.filter(locale=locale)
        # Parsed here so that quotes become phrases: handed on raw, an unbalanced
        # quote breaks SQLite's full-text query syntax (a 500).
        _filters, search_query = parse_query_string(query, operator="and")
        results = pages.search(search_query)
    paginator = Paginator(results, hub_settings.PAGE_SIZE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        raise Http404("No such results page") from None
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "page_obj": page_obj,
            "results": _specific(page_obj.object_list) if query else [],
        },
    )


def _specific(pages) -> list[Page]:
    """The specific pages of one results page, in rank order, with one query per
    page type instead of one per result."""
    ids = [page.pk for page in pages]
    by_id = Page.objects.filter(pk__in=ids).specific().in_bulk()
    return [by_id[pk] for pk in ids if pk in by_id]
