"""Template tags every hub template uses: language switcher, alternates, settings."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from engagement_hub.core.chrome_cache import cached, translation_token
from engagement_hub.core.untranslated import hiding, without_untranslated

register = template.Library()


def _alternates(context, *, homes_only: bool = False) -> list[dict]:
    """The current page (or view) in each language, computed once per request."""
    request = context.get("request")
    cache = getattr(request, "_hub_alternates", None)
    if cache is None:
        cache = {}
        if request is not None:
            request._hub_alternates = cache
    if homes_only not in cache:
        cache[homes_only] = _cached_alternates(context, request, homes_only)
    return [dict(item) for item in cache[homes_only]]


def _cached_alternates(context, request, homes_only: bool) -> list[dict]:
    page = context.get("page")
    if not (isinstance(page, Page) and page.pk) or request is None:
        return _compute_alternates(context, request, homes_only)
    # Translations and their URLs change only when pages are published or moved.
    return cached(
        "alternates",
        (page.pk, translation.get_language(), homes_only, request.get_host()),
        lambda: _compute_alternates(context, request, homes_only),
        also=(translation_token(page.translation_key),),
    )


def _compute_alternates(context, request, homes_only: bool) -> list[dict]:
    page = context.get("page")
    current = translation.get_language()
    names = dict(settings.LANGUAGES)
    urls: dict[str, str] = {}
    untranslated: set[str] = set()
    if homes_only:
        pass
    elif isinstance(page, Page) and page.pk:
        for translated in (
            page.get_translations(inclusive=True)
            .live()
            .select_related("locale", "alias_of")
        ):
            url = translated.get_url(request=request)
            if url:
                urls[translated.locale.language_code] = url
            original = translated.alias_of
            if original is not None and original.locale_id != translated.locale_id:
                # wagtail-localize's synchronised copy of a page not yet
                # translated: the switcher offers it (or, while such copies are
                # hidden, that language's home page), hreflang does not.
                if hiding():
                    urls.pop(translated.locale.language_code, None)
                else:
                    untranslated.add(translated.locale.language_code)
    elif request is not None:
        for code in names:
            urls[code] = translate_url(request.get_full_path(), code)
    homes = _home_urls(request) if len(urls) < len(names) else {}
    alternates = []
    for code, name in settings.LANGUAGES:
        # No translation of this page: offer the home page of that language.
        url = urls.get(code) or homes.get(code)
        if url:
            alternates.append(
                {
                    "code": code,
                    "name": translation.get_language_info(code)["name_local"],
                    "label": str(name),
                    "url": url,
                    "current": code == current,
                    "has_translation": code in urls and code not in untranslated,
                    "untranslated": code in untranslated,
                }
            )
    return alternates


def _home_urls(request) -> dict[str, str]:
    """The live home page of every language, by language code (one query); cached
    under the ``pages`` token alone, so a page's alternates rebuilt after a publish
    of one of its translations do not read the home pages again."""
    if request is None:
        return _compute_home_urls(request)
    # A home page's URL is relative on its own site, absolute on another one.
    site = Site.find_for_request(request)
    return cached(
        "home-urls",
        (site.pk if site else None,),
        lambda: _compute_home_urls(request),
    )


def _compute_home_urls(request) -> dict[str, str]:
    homes = Page.objects.filter(depth=2).live().select_related("locale")
    urls: dict[str, str] = {}
    for home in homes.order_by("path"):
        url = home.get_url(request=request)
        if url:
            urls.setdefault(home.locale.language_code, url)
    return urls


@register.inclusion_tag(
    "engagement_hub/core/includes/language_switcher.html", takes_context=True
)
def language_switcher(context, homes_only: bool = False):
    """Links to this page in the other languages (their home pages if there is no
    translation, or always with ``homes_only``, e.g. on error pages). A listing's
    filters go along (their values are language-independent slugs), its page
    number does not."""
    alternates = _alternates(context, homes_only=homes_only)
    query = _kept_query(context)
    if query:
        for alternate in alternates:
            if alternate["has_translation"] and not alternate["current"]:
                alternate["url"] = f"{alternate['url']}?{query}"
    return {"alternates": alternates}


def _kept_query(context) -> str:
    from urllib.parse import urlencode

    page, request = context.get("page"), context.get("request")
    parameters = getattr(page, "listing_parameters", None)
    if request is None or not callable(parameters) or not request.GET:
        return ""
    return urlencode(parameters(request.GET, with_page=False))


@register.inclusion_tag(
    "engagement_hub/core/includes/hreflang.html", takes_context=True
)
def hreflang_links(context):
    request = context.get("request")
    alternates = [a for a in _alternates(context) if a["has_translation"]]
    for alternate in alternates:
        if request is not None and alternate["url"].startswith("/"):
            alternate["url"] = request.build_absolute_uri(alternate["url"])
    return {"alternates": alternates}


@register.simple_tag(takes_context=True)
def content_language(context) -> str:
    """The language of the page's content if it is not the page's own: a page not
    yet translated is served in the other language as wagtail-localize's
    synchronised copy (an alias of the original). "" otherwise."""
    page = context.get("page")
    if not (isinstance(page, Page) and page.alias_of_id):
        return ""
    original = (
        Page.objects.filter(pk=page.alias_of_id)
        .values_list("locale__language_code", "locale_id")
        .first()
    )
    if original is None or original[1] == page.locale_id:
        return ""
    return original[0]


@register.simple_tag(takes_context=True)
def localized_home(context) -> Page | None:
    """The home page in the active language (for the site title and the menu)."""
    request = context.get("request")
    if request is not None and hasattr(request, "_hub_home"):
        return request._hub_home
    language = translation.get_language()
    home = (
        cached(
            "home",
            (language,),
            lambda: (
                Page.objects.filter(depth=2, locale__language_code=language)
                .live()
                .first()
                or False
            ),
        )
        or None
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
    return cached(
        "menu",
        (home.pk,),
        lambda: list(
            without_untranslated(home.get_children().live().in_menu()).only(
                "title", "url_path"
            )
        ),
    )


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


# -- pictograms (Lucide, vendored as static/engagement_hub/icons/sprite.svg) ----------

# One per domain (page model) and per category / target group slug; a page model
# may name its own with a ``card_icon`` attribute.
DOMAIN_ICONS = {
    "associationpage": "users",
    "offerpage": "hand-heart",
    "roompage": "door-open",
    "fundingguidepage": "piggy-bank",
    "meetingpage": "calendar-days",
    "associationindexpage": "users",
    "offerindexpage": "hand-heart",
    "roomindexpage": "door-open",
    "fundingindexpage": "piggy-bank",
    "meetingindexpage": "calendar-days",
    "welcomepage": "house",
}
TERM_ICONS = {
    "sport": "dumbbell",
    "kultur": "music",
    "soziales": "heart-handshake",
    "umwelt": "leaf",
    "bildung": "book-open",
    "gesundheit": "heart-pulse",
    "heimat": "landmark",
    "feuerwehr": "flame",
    "kinder": "baby",
    "familien": "baby",
    "senioren": "armchair",
    "neuzugezogene": "house",
    "volunteering": "heart-handshake",
}


@register.simple_tag
def icon(name: str, css_class: str = "") -> str:
    """A decorative pictogram from the sprite (hidden from assistive technology)."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    if not name:
        return ""
    return format_html(
        '<svg class="icon {}" aria-hidden="true" focusable="false" width="24" '
        'height="24"><use href="{}#{}"></use></svg>',
        css_class,
        static("engagement_hub/icons/sprite.svg"),
        name,
    )


def icon_for_model(obj) -> str:
    name = getattr(obj, "card_icon", None)
    if name:
        return name
    model = (
        getattr(getattr(obj, "specific_class", None), "__name__", "")
        or type(obj).__name__
    )
    return DOMAIN_ICONS.get(model.lower(), "")


def icon_for_query(query: str) -> str:
    from urllib.parse import parse_qsl

    for _key, value in parse_qsl(query or ""):
        if value in TERM_ICONS:
            return TERM_ICONS[value]
    return ""


@register.simple_tag
def card_icon(item, css_class: str = "card__icon") -> str:
    return icon(icon_for_model(item), css_class)


@register.simple_tag(takes_context=True)
def meta_description(context) -> str:
    """The page's search description, else its short description, summary or
    introduction (the first 160 characters)."""
    from django.utils.text import Truncator

    page = context.get("page")
    if page is None:
        return ""
    for name in (
        "search_description",
        "short_description",
        "plain_summary",
        "introduction",
    ):
        value = getattr(page, name, "")
        if callable(value):
            continue
        if value:
            return Truncator(" ".join(str(value).split())).chars(160)
    return ""


@register.simple_tag
def settings_text_lang() -> str:
    """` lang="de"` for free text from the hub settings (written once, in the site's
    default language) shown on a page in another language; "" otherwise."""
    from django.utils.html import format_html

    default = settings.LANGUAGE_CODE.split("-")[0]
    if (translation.get_language() or default).split("-")[0] == default:
        return ""
    return format_html(' lang="{}"', default)


@register.simple_tag(takes_context=True)
def site_logo(context) -> str:
    """The site's logo as an ``<img>`` of its rendition, or "" without one: from the
    frame cache (renewed when the hub settings or an image change), so the frame
    of every page does not load the image."""
    from django.utils.safestring import mark_safe

    from engagement_hub.core.models import HubSettings

    request = context.get("request")
    if request is None:
        return ""
    hub = HubSettings.for_request(request)
    if hub.logo_id is None:
        return ""
    return mark_safe(cached("logo", (hub.pk, hub.logo_id), lambda: _logo_html(hub)))  # noqa: S308


def _logo_html(hub) -> str:
    from wagtail.images.shortcuts import get_rendition_or_not_found

    rendition = get_rendition_or_not_found(hub.logo, "height-96")
    return str(rendition.img_tag({"class": "site-title__logo", "alt": ""}))
