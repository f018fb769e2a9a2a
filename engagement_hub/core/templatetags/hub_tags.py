"""Template tags every hub template uses: language switcher, alternates, settings."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

register = template.Library()


def _alternates(context) -> list[dict]:
    request = context.get("request")
    cached = getattr(request, "_hub_alternates", None)
    if cached is not None:
        return [dict(item) for item in cached]
    alternates = _compute_alternates(context, request)
    if request is not None:
        request._hub_alternates = alternates
    return [dict(item) for item in alternates]


def _compute_alternates(context, request) -> list[dict]:
    page = context.get("page")
    current = translation.get_language()
    names = dict(settings.LANGUAGES)
    urls: dict[str, str] = {}
    if isinstance(page, Page) and page.pk:
        for translated in page.get_translations(inclusive=True).live().select_related(
            "locale"
        ):
            url = translated.get_url(request=request)
            if url:
                urls[translated.locale.language_code] = url
    elif request is not None:
        for code in names:
            urls[code] = translate_url(request.get_full_path(), code)
    alternates = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code)
        if url is None:
            # No translation of this page: offer the home page of that language.
            url = _home_url(code, request)
        if url:
            alternates.append(
                {
                    "code": code,
                    "name": translation.get_language_info(code)["name_local"],
                    "label": str(name),
                    "url": url,
                    "current": code == current,
                    "has_translation": code in urls,
                }
            )
    return alternates


def _home_url(code: str, request) -> str | None:
    try:
        locale = Locale.objects.get(language_code=code)
    except Locale.DoesNotExist:
        return None
    home = Page.objects.filter(depth=2, locale=locale).live().first()
    return home.get_url(request=request) if home else None


@register.inclusion_tag("engagement_hub/core/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"alternates": _alternates(context)}


@register.inclusion_tag("engagement_hub/core/includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    request = context.get("request")
    alternates = [a for a in _alternates(context) if a["has_translation"]]
    for alternate in alternates:
        if request is not None and alternate["url"].startswith("/"):
            alternate["url"] = request.build_absolute_uri(alternate["url"])
    return {"alternates": alternates}


@register.simple_tag(takes_context=True)
def localized_home(context) -> Page | None:
    """The home page in the active language (for the site title and the menu)."""
    request = context.get("request")
    if request is not None and hasattr(request, "_hub_home"):
        return request._hub_home
    home = (
        Page.objects.filter(depth=2, locale__language_code=translation.get_language())
        .live()
        .first()
    )
    if request is not None:
        request._hub_home = home
    return home


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[Page]:
    """Live pages below the localized home page that editors marked 'show in menus'."""
    home = localized_home(context)
    if home is None:
        return []
    return list(home.get_children().live().in_menu().only("title", "url_path"))


@register.simple_tag(takes_context=True)
def query_replace(context, **changes) -> str:
    """The current query string with some parameters replaced (None removes one)."""
    request = context["request"]
    query = request.GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()
