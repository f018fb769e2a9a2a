"""Public views of the meetings: the calendar page, a meeting's page, the personal
RSVP page (signed link), the public registration with email confirmation, the
.ics of a date and the feeds. A GET never changes anything (link scanners follow
links); a POST does."""

from __future__ import annotations

import calendar as pycalendar
import json
from datetime import date, timedelta
from types import SimpleNamespace

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Min, OuterRef, Q, Subquery, Sum, Window
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import get_template
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page

from engagement_hub.core import chrome_cache, render_cache
from engagement_hub.core.directory import cache as tokens
from engagement_hub.core.directory.models import live_in_locale
from engagement_hub.core.directory.structured_data import absolute

from . import ics
from .caching import DATES, meeting_token
from .conf import meeting_setting
from .forms import AnswerForm, PublicRegistrationForm
from .links import InvalidToken, make_token, read_confirm_token, read_token
from .rows import MeetingKind, Occurrence, Rsvp
from .rsvp import RsvpError, counts, respond

T = "engagement_hub/meetings/"
PAGE_SIZE = 10
# The month calendar names at most this many dates per day ("+ n more").
DAY_LIMIT = 3
FEED_PAST = timedelta(days=90)


def _language() -> str:
    return (translation.get_language() or "de").split("-")[0]


# What a list of dates (the calendar, the home page's "next dates") shows of a
# meeting: a meeting page has some sixty columns, and a rebuild after a publish
# loads a hundred dates or more.
LIST_FIELDS = (
    "title",
    "slug",
    "url_path",
    "translation_key",
    "locale",
    "kind",
    "place_name",
    "online_url",
)


def _localized_pages(source_pages, *, light: bool = False, locale=None) -> dict:
    """``{source pk: page in the active language}`` with one query."""
    locale = locale or chrome_cache.active_locale()
    sources = {page.pk: page for page in source_pages}
    result = dict(sources)
    first = next(iter(sources.values()), None)
    if first is not None and locale.pk != first.locale_id:
        keys = {page.translation_key: pk for pk, page in sources.items()}
        pages = (
            type(first)
            .objects.live()
            .filter(translation_key__in=keys.keys(), locale=locale)
        )
        if light:
            pages = pages.only(*LIST_FIELDS)
        for page in pages:
            result[keys[page.translation_key]] = page
    return result


def _list_pages(meetings, ids, keys, locale, default) -> tuple[dict, dict]:
    """In one query (only their ``LIST_FIELDS``): the meeting pages ``ids`` by pk,
    and the live versions in the active language, by translation key, of the
    meetings with the translation ``keys`` and of the pages ``ids`` (none in the
    default language)."""
    ids = set(ids)
    other_language = locale.pk != default.pk
    if not ids and not (keys and other_language):
        return {}, {}
    condition = Q(pk__in=ids)
    if other_language:
        condition |= Q(live=True, locale=locale) & (
            Q(translation_key__in=set(keys))
            | Q(
                translation_key__in=meetings.objects.filter(pk__in=ids).values(
                    "translation_key"
                )
            )
        )
    by_pk, translated = {}, {}
    for page in meetings.objects.filter(condition).only(*LIST_FIELDS):
        if other_language and page.locale_id == locale.pk:
            translated[page.translation_key] = page
        if page.pk in ids:
            by_pk[page.pk] = page
    return by_pk, translated


def _decorate(occurrences, *, light: bool = False, locale=None, translated=None):
    """Attach ``page`` (localized meeting) and its ``url`` to each occurrence
    (``light``: only the ``LIST_FIELDS`` of the page are loaded; ``translated``:
    the active language's pages by translation key, looked up already)."""
    occurrences = list(occurrences)
    if translated is None:
        pages = _localized_pages(
            {o.meeting for o in occurrences}, light=light, locale=locale
        )
        for occurrence in occurrences:
            occurrence.page = pages.get(occurrence.meeting_id, occurrence.meeting)
    else:
        for occurrence in occurrences:
            meeting = occurrence.meeting
            occurrence.page = translated.get(meeting.translation_key, meeting)
    # One lookup of the site root paths for all (``Page.url`` makes one per page).
    urls = page_urls(occurrence.page.url_path for occurrence in occurrences)
    for occurrence in occurrences:
        occurrence.url = urls[occurrence.page.url_path]
    return occurrences


def public_occurrences(*, light: bool = False, default_locale=None):
    """The dates of live, unrestricted meetings (rows of the default language);
    ``light``: with only the ``LIST_FIELDS`` of their meeting."""
    rows = Occurrence.objects.filter(
        meeting__live=True,
        meeting__locale=default_locale or chrome_cache.default_locale(),
        meeting__view_restrictions__isnull=True,
    )
    if light:
        return rows.select_related("meeting").only(
            *(field.name for field in Occurrence._meta.concrete_fields),
            *(f"meeting__{name}" for name in LIST_FIELDS),
        )
    return rows.select_related("meeting", "meeting__district")


# -- the calendar page ---------------------------------------------------------

FILTERS = ("kind", "organiser", "district", "mode", "accessible", "month")


def _filtered(request, notices: list, rows=None):
    """The dates the filters of the request choose (of ``rows``, by default all
    public ones), and the filters understood."""
    if rows is None:
        rows = public_occurrences()
    params = {}
    kind = request.GET.get("kind", "")
    if kind:
        if kind in MeetingKind.values:
            rows = rows.filter(meeting__kind=kind)
            params["kind"] = kind
        else:
            notices.append(
                _("The chosen kind of meeting is unknown; all kinds are shown.")
            )
    organiser = request.GET.get("organiser", "")
    if organiser:
        if organiser == "city":
            rows = rows.filter(meeting__organiser__isnull=True)
            params["organiser"] = organiser
        elif organiser.isdigit() and len(organiser) < 12:
            rows = rows.filter(
                meeting__organiser__translation_key__in=_org_keys(organiser)
            )
            params["organiser"] = organiser
        else:
            notices.append(_("The chosen organiser is unknown; all are shown."))
    district = request.GET.get("district", "")
    if district:
        if district.isdigit() and len(district) < 12:
            rows = rows.filter(meeting__district_id=int(district))
            params["district"] = district
        else:
            notices.append(_("The chosen district is unknown; all are shown."))
    mode = request.GET.get("mode", "")
    if mode == "in_person":
        rows = rows.exclude(meeting__street="", meeting__place_name="")
        params["mode"] = mode
    elif mode == "online":
        rows = rows.exclude(meeting__online_url="")
        params["mode"] = mode
    elif mode:
        notices.append(_("The chosen form of meeting is unknown; all are shown."))
    if request.GET.get("accessible") == "1":
        rows = rows.filter(meeting__step_free_access=True)
        params["accessible"] = "1"
    return rows, params


def _org_keys(organiser: str):
    from engagement_hub.associations.models import AssociationPage

    return AssociationPage.objects.filter(pk=int(organiser)).values("translation_key")


def _month(request, notices) -> date:
    today = timezone.localdate()
    value = request.GET.get("month", "")
    if value:
        try:
            year, month = (int(part) for part in value.split("-"))
            if 1900 < year < 3000 and 1 <= month <= 12:
                return date(year, month, 1)
        except ValueError:
            pass
        notices.append(_("The month could not be read; the current month is shown."))
    return today.replace(day=1)


def _query(params: dict, **changes) -> str:
    from urllib.parse import urlencode

    merged = {**params, **changes}
    return "?" + urlencode({key: value for key, value in merged.items() if value})


class GridDate:
    """A date in a cell of the month grid: what the cell shows (the template reads
    ``starts_at``, ``is_cancelled``, ``page.title`` and ``url``)."""

    __slots__ = ("pk", "starts_at", "is_cancelled", "page", "url_path", "key", "url")

    def __init__(self, pk, starts_at, is_cancelled, title, url_path, key):
        self.pk = pk
        self.starts_at = starts_at
        self.is_cancelled = is_cancelled
        self.page = SimpleNamespace(title=title)
        self.url_path = url_path
        self.key = key
        self.url = ""


def page_urls(url_paths) -> dict[str, str]:
    """``{url_path: url}`` as ``Page.url`` gives it, without loading the pages: it
    reads the page's ``url_path`` and nothing else."""
    probe = Page()
    urls = {}
    for url_path in url_paths:
        if url_path not in urls:
            probe.url_path = url_path
            urls[url_path] = probe.url
    return urls


def _localize_grid(by_day: dict, named: dict, translated: dict) -> dict:
    """``GridDate`` of each named date, with the title and URL of its meeting
    (``named``: by pk) in the active language (``translated``: by translation
    key) where it has a live version."""
    result = {}
    for day, entries in by_day.items():
        result[day] = []
        for pk, starts_at, cancelled, meeting_id in entries:
            source = named[meeting_id]
            page = translated.get(source.translation_key, source)
            result[day].append(
                GridDate(
                    pk,
                    starts_at,
                    cancelled,
                    page.title,
                    page.url_path,
                    source.translation_key,
                )
            )
    dates = [d for day_dates in result.values() for d in day_dates]
    urls = page_urls(d.url_path for d in dates)
    for grid_date in dates:
        grid_date.url = urls[grid_date.url_path]
    return result


def grid_dates(rows, month: date) -> tuple[dict, dict]:
    """The dates of ``month`` a cell names, by day (``(pk, starts_at, cancelled,
    meeting_id)``), and the number of further dates per day."""
    first = month
    last = month.replace(day=pycalendar.monthrange(month.year, month.month)[1])
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(
        timezone.datetime.combine(first, timezone.datetime.min.time()), tz
    )
    end = timezone.make_aware(
        timezone.datetime.combine(
            last + timedelta(days=1), timezone.datetime.min.time()
        ),
        tz,
    )
    # Plain rows for the whole month (no model instances, four columns: a busy month
    # has a thousand dates): a cell names its first few dates and counts the rest;
    # the meetings of the named dates are read afterwards, once each
    # (``_list_pages``).
    by_day: dict[date, list] = {}
    more: dict[date, int] = {}
    for pk, starts_at, status, meeting_id in (
        rows.filter(starts_at__gte=start, starts_at__lt=end)
        .order_by("starts_at")
        .values_list("pk", "starts_at", "status", "meeting_id")
    ):
        day = starts_at.astimezone(tz).date()
        if len(by_day.setdefault(day, [])) < DAY_LIMIT:
            by_day[day].append(
                (pk, starts_at, status == Occurrence.Status.CANCELLED, meeting_id)
            )
        else:
            more[day] = more.get(day, 0) + 1
    return by_day, more


def month_grid(by_day: dict, more: dict, month: date) -> list[list[dict]]:
    """Weeks (Monday first) of day cells with their dates, for the calendar."""
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(
        month.year, month.month
    ):
        weeks.append(
            [
                {
                    "day": day,
                    "in_month": day.month == month.month,
                    "today": day == timezone.localdate(),
                    "occurrences": by_day.get(day, []),
                    "more": more.get(day, 0),
                }
                for day in week
            ]
        )
    return weeks


def _locales() -> tuple:
    """(the default locale, the active one), from the cached locales: no query."""
    default = chrome_cache.default_locale()
    active = chrome_cache.active_locale()
    return default, default if active.pk == default.pk else active


def _meetings_token(meetings) -> str:
    """Renewed when a meeting (a page of the model ``meetings``) is published,
    unpublished, moved or deleted."""
    return tokens.model_token_name(meetings._meta.label_lower)


def _association_token() -> str:
    from engagement_hub.associations.models import AssociationPage

    return tokens.model_token_name(AssociationPage._meta.label_lower)


def index_fragment(page, request) -> dict:
    """The calendar's content (filters, upcoming dates, month grid, past dates) as
    HTML, cached per filter choice until a meeting is published, a date changes,
    the first listed date starts or the day ends (``core.render_cache``)."""
    feed_url = page.get_url(request) + page.reverse_subpage("feed")
    if getattr(request, "is_preview", False):
        return {"calendar_html": _render_index(page, request)[0], "feed_url": feed_url}
    notices: list = []
    _rows, params = _filtered(request, notices, rows=Occurrence.objects.none())
    month = _month(request, notices)
    page_number = request.GET.get("page", "1")
    if not page_number.isdigit() or len(page_number) > 6:
        page_number = "1"
    parts = (
        page.pk,
        repr(sorted(params.items())),
        f"{month:%Y-%m}",
        page_number,
        repr([str(n) for n in notices]),
    )
    html = render_cache.cached(
        "meetings-calendar",
        parts,
        lambda: _render_index(page, request),
        depends=(
            DATES,
            tokens.TERMS,
            _association_token(),
            _meetings_token(page.meeting_model()),
        ),
    )
    return {"calendar_html": mark_safe(html), "feed_url": feed_url}  # noqa: S308


def _render_index(page, request):
    context = index_context(page, request)
    context["page"] = page
    html = get_template(T + "includes/calendar_body.html").render(context)
    return html, context["valid_until"]


class CountedPaginator(Paginator):
    """A paginator told its number of objects (counted with something else)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def _upcoming_page(upcoming_rows, number: str) -> PaginatorPage:
    """The shown page of upcoming dates, with the number of them all and the first
    one's start (``first_start``: the listing changes then) from the same query
    (window functions); only a page number past the end costs a count of its own."""
    if not number.isdigit() or len(number) > 6:
        number = "1"
    number = max(int(number), 1)
    offset = (number - 1) * PAGE_SIZE
    shown = list(
        upcoming_rows.annotate(
            total=Window(Count("pk")), first_start=Window(Min("starts_at"))
        )[offset : offset + PAGE_SIZE]
    )
    if shown:
        count, first_start = shown[0].total, shown[0].first_start
        result = PaginatorPage(
            shown, number, CountedPaginator(upcoming_rows, PAGE_SIZE, count=count)
        )
    else:
        summary = upcoming_rows.aggregate(count=Count("pk"), first=Min("starts_at"))
        paginator = CountedPaginator(upcoming_rows, PAGE_SIZE, count=summary["count"])
        result = paginator.get_page(number)
        result.object_list = list(result.object_list)
        first_start = summary["first"]
    result.first_start = first_start
    return result


def _districts() -> list[dict]:
    """The district filter's options, cached until a term changes."""
    from engagement_hub.core.models import District

    return chrome_cache.cached(
        "meetings-districts",
        (),
        lambda: [
            {"pk": pk, "name": name}
            for pk, name in District.objects.order_by("name").values_list("pk", "name")
        ],
        also=(tokens.TERMS,),
    )


def index_context(page, request) -> dict:
    from engagement_hub.associations.models import AssociationPage

    notices: list = []
    default, locale = _locales()
    rows, params = _filtered(
        request, notices, rows=public_occurrences(light=True, default_locale=default)
    )
    now = timezone.now()
    upcoming_page = _upcoming_page(
        rows.filter(starts_at__gte=now).order_by("starts_at"),
        request.GET.get("page", "1"),
    )
    past = list(
        rows.filter(starts_at__lt=now)
        .exclude(minutes="", attendance__isnull=True)
        .order_by("-starts_at")[:10]
    )
    month = _month(request, notices)
    previous_month = (month - timedelta(days=1)).replace(day=1)
    next_month = (month + timedelta(days=32)).replace(day=1)
    meetings = page.meeting_model()
    by_day, more = grid_dates(rows, month)
    # The month's meetings and the active language's versions of every meeting
    # shown, in one query.
    named, translated = _list_pages(
        meetings,
        {entry[3] for entries in by_day.values() for entry in entries},
        [o.meeting.translation_key for o in [*upcoming_page.object_list, *past]],
        locale,
        default,
    )
    by_day = _localize_grid(by_day, named, translated)
    organiser_keys = (
        meetings.objects.live()
        .filter(locale=default, organiser__isnull=False)
        .values("organiser")
    )
    organisers = (
        AssociationPage.objects.filter(pk__in=organiser_keys)
        .only("title")
        .order_by("title")
    )
    return {
        "valid_until": upcoming_page.first_start,
        "upcoming": _decorate(upcoming_page.object_list, translated=translated),
        "upcoming_page": upcoming_page,
        "past": _decorate(past, translated=translated),
        "weeks": month_grid(by_day, more, month),
        "month": month,
        "weekday_names": [pycalendar.day_abbr[i] for i in range(7)],
        "previous_month_query": _query(params, month=f"{previous_month:%Y-%m}"),
        "next_month_query": _query(params, month=f"{next_month:%Y-%m}"),
        "filters": params,
        "notices": notices,
        "kinds": MeetingKind.choices,
        "organisers": organisers,
        "districts": _districts(),
        "page_query": _query(params, month=request.GET.get("month", "")),
    }


# -- a meeting's page ------------------------------------------------------------


def meeting_fragment(page: Page, request) -> dict:
    """The meeting's content and JSON-LD, cached until the page is published, one
    of its dates or RSVPs changes, its next date starts or the day ends. The
    registration forms' CSRF token is put in per request."""
    series_feed_url = page.get_url(request) + page.reverse_subpage("series_feed")
    if getattr(request, "is_preview", False):
        json_ld_text, html = _render_meeting(page, request)[0]
    else:
        from engagement_hub.rooms.models import RoomPage

        json_ld_text, html = render_cache.cached(
            "meeting",
            (page.pk, page.latest_revision_id, request.get_host()),
            lambda: _render_meeting(page, request),
            depends=(
                meeting_token(page.translation_key),
                _association_token(),
                tokens.model_token_name(RoomPage._meta.label_lower),
            ),
        )
    return {
        "meeting_html": render_cache.personalise(request, html),
        "json_ld": json_ld_text,
        "series_feed_url": series_feed_url,
    }


def _render_meeting(page, request):
    context = meeting_context(page, request)
    context.update(page=page, request=None, **render_cache.csrf_placeholder())
    html = get_template(T + "includes/meeting_body.html").render(context)
    first = context["occurrences"][0].starts_at if context["occurrences"] else None
    return (context["json_ld"], html), first


def meeting_dates(source: Page) -> tuple[list, list]:
    """The next dates of a meeting (``source``: its default language's page), each
    with the people registered (``confirmed``), and its past dates with minutes or
    attendance. Cached under the meeting's token until its next date starts: a
    publish that changes none of its dates renders the page from these rows."""

    def compute():
        now = timezone.now()
        confirmed = (
            Rsvp.objects.filter(occurrence=OuterRef("pk"), status=Rsvp.Status.CONFIRMED)
            .values("occurrence")
            .annotate(n=Sum("people"))
            .values("n")
        )
        upcoming = list(
            source.occurrences.filter(starts_at__gte=now)
            .annotate(confirmed=Subquery(confirmed))
            .order_by("starts_at")[:12]
        )
        past = list(
            source.occurrences.filter(starts_at__lt=now)
            .exclude(minutes="", attendance__isnull=True)
            .order_by("-starts_at")[:10]
        )
        return (upcoming, past), upcoming[0].starts_at if upcoming else None

    return render_cache.cached(
        "meeting-dates",
        (source.pk,),
        compute,
        depends=(meeting_token(source.translation_key),),
    )


def meeting_context(page: Page, request) -> dict:
    default = chrome_cache.default_locale()
    # ``page.source`` and ``page.locale`` without asking the database again.
    source = page if page.locale_id == default.pk else page.source
    language = (
        default.language_code
        if page.locale_id == default.pk
        else chrome_cache.locale_code(page.locale_id) or page.locale.language_code
    )
    occurrences, past = meeting_dates(source)
    base = page.url
    for occurrence in occurrences:
        occurrence.meeting = source  # the loaded page: no query per date
        occurrence.page = page
        places = occurrence.places
        taken = (
            occurrence.kept_yes
            if occurrence.rsvps_purged
            else occurrence.confirmed or 0
        )
        occurrence.free = None if places is None else max(places - taken, 0)
        occurrence.ics_url = base + page.reverse_subpage(
            "date_ics", args=[occurrence.pk]
        )
        occurrence.register_url = base + page.reverse_subpage(
            "register", args=[occurrence.pk]
        )
    next_date = next((o for o in occurrences if not o.is_cancelled), None)
    organiser = source.organiser if source.organiser_id else None
    if organiser is not None:
        # The active language's version where it is live (``Page.localized``
        # without looking up the locale again).
        organiser = (
            live_in_locale(organiser, chrome_cache.active_locale().pk) or organiser
        )
    return {
        "occurrences": occurrences,
        "next_date": next_date,
        "past_dates": past,
        "organiser": organiser,
        # The page's own items: their titles are translated.
        "agenda": list(page.agenda_items.all()),
        "documents": list(page.documents.select_related("document")),
        "form": PublicRegistrationForm(),
        "series_feed_url": page.url + page.reverse_subpage("series_feed"),
        "json_ld": json_ld(page, next_date, request, source=source, language=language),
    }


def json_ld(
    page: Page,
    occurrence: Occurrence | None,
    request,
    *,
    source: Page | None = None,
    language: str = "",
) -> str:
    if occurrence is None:
        return ""
    status = (
        "https://schema.org/EventCancelled"
        if occurrence.is_cancelled
        else "https://schema.org/EventRescheduled"
        if occurrence.status == Occurrence.Status.MOVED
        else "https://schema.org/EventScheduled"
    )
    modes = {
        "offline": "https://schema.org/OfflineEventAttendanceMode",
        "online": "https://schema.org/OnlineEventAttendanceMode",
        "mixed": "https://schema.org/MixedEventAttendanceMode",
    }
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.short_description,
        "startDate": timezone.localtime(occurrence.starts_at).isoformat(),
        "endDate": timezone.localtime(occurrence.ends_at).isoformat(),
        "eventStatus": status,
        "eventAttendanceMode": modes[page.attendance_mode],
        "url": absolute(request, page.url),
        "inLanguage": language or page.locale.language_code,
    }
    locations = []
    if page.attendance_mode != "online":
        locations.append(
            {
                "@type": "Place",
                "name": page.place_name or page.title,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": page.street,
                    "postalCode": page.postcode,
                    "addressLocality": page.town,
                    "addressCountry": "DE",
                },
            }
        )
    if page.attendance_mode != "offline":
        # The link itself is for registered people only.
        locations.append(
            {"@type": "VirtualLocation", "url": absolute(request, page.url)}
        )
    data["location"] = locations[0] if len(locations) == 1 else locations
    organiser = (source or page.source).organiser
    data["organizer"] = (
        {"@type": "Organization", "name": organiser.title}
        if organiser
        else {"@type": "GovernmentOrganization", "name": "Stadt"}
    )
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


# -- calendar files ----------------------------------------------------------------


def _ics_response(content: bytes, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _base(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def feed(index, request) -> HttpResponse:
    """All public dates from ``FEED_PAST`` ago, in the active language; cached until
    a meeting is published, a date changes, the oldest date leaves the feed or the
    day ends (``core.render_cache``)."""
    base = _base(request)

    def compute():
        since = timezone.now() - FEED_PAST
        rows = list(
            public_occurrences().filter(starts_at__gte=since).order_by("starts_at")
        )
        content = ics.feed_calendar(
            rows,
            index.title,
            base_url=base,
            pages=_localized_pages({row.meeting for row in rows}),
        )
        return content, (rows[0].starts_at + FEED_PAST) if rows else None

    content = render_cache.cached(
        "meetings-feed",
        (index.pk, base),
        compute,
        depends=(DATES, _meetings_token(index.meeting_model())),
    )
    return _ics_response(content, "meetings.ics", attachment=False)


def series_feed(page: Page, request) -> HttpResponse:
    """The series' dates from ``FEED_PAST`` ago, in the page's language; cached like
    the feed of all dates, renewed by a change of one of its dates."""
    base = _base(request)

    def compute():
        since = timezone.now() - FEED_PAST
        source = page.source
        rows = list(
            source.occurrences.select_related("meeting")
            .filter(starts_at__gte=since)
            .order_by("starts_at")
        )
        content = ics.feed_calendar(
            rows, page.title, base_url=base, pages={source.pk: page}
        )
        return content, (rows[0].starts_at + FEED_PAST) if rows else None

    content = render_cache.cached(
        "meetings-series-feed",
        (page.pk, base),
        compute,
        depends=(meeting_token(page.translation_key), _meetings_token(type(page))),
    )
    return _ics_response(content, f"{page.slug}.ics", attachment=False)


def _occurrence_of(page: Page, occurrence_id: int) -> Occurrence:
    occurrence = (
        Occurrence.objects.select_related("meeting")
        .filter(pk=occurrence_id, meeting=page.source)
        .first()
    )
    if occurrence is None:
        raise Http404
    return occurrence


def date_ics(page: Page, request, occurrence_id: int) -> HttpResponse:
    occurrence = _occurrence_of(page, occurrence_id)
    content = ics.occurrence_calendar(
        occurrence, language=_language(), url=_base(request) + page.url
    )
    return _ics_response(content, ics.filename(occurrence), attachment=True)


# -- public registration ---------------------------------------------------------------


def rate_limited(request, email: str) -> bool:
    """The newsletter sign-up's hourly limit (``mailings.views.rate_limited``) under
    the meetings' own scope and settings: a registration sends a confirmation mail."""
    from engagement_hub.mailings.views import rate_limited as limited

    return limited(
        request,
        email,
        scope="meetings:rsvp",
        per_address=meeting_setting("RSVP_RATE_PER_ADDRESS"),
        per_client=meeting_setting("RSVP_RATE_PER_CLIENT"),
    )


def _personal(response):
    response["Cache-Control"] = "private, no-store"
    return response


def register(page: Page, request, occurrence_id: int):
    """POST from the page: sends a confirmation link (nothing is stored before)."""
    if not page.public_registration:
        raise Http404
    occurrence = _occurrence_of(page, occurrence_id)
    if request.method != "POST":
        return redirect(page.url)
    request.hub_personal = True
    occurrence.register_url = page.url + page.reverse_subpage(
        "register", args=[occurrence.pk]
    )
    context = {"page": page, "occurrence": occurrence}
    if not occurrence.is_open:
        return _personal(TemplateResponse(request, T + "closed.html", context))
    form = PublicRegistrationForm(request.POST)
    if not form.is_valid():
        context["form"] = form
        return _personal(
            TemplateResponse(request, T + "register.html", context, status=400)
        )
    email = form.cleaned_data["email"]
    if rate_limited(request, email):
        context["form"] = form
        context["rate_limited"] = True
        return _personal(
            TemplateResponse(request, T + "register.html", context, status=429)
        )
    from .notify import public_confirmation

    public_confirmation(
        occurrence,
        email,
        _language(),
        name=form.cleaned_data["name"],
        people=form.cleaned_data["people"],
    )
    return _personal(TemplateResponse(request, T + "register_done.html", context))


def confirm(index, request, token: str):
    """The link of the public registration's mail: GET asks, POST registers."""
    request.hub_personal = True
    try:
        payload = read_confirm_token(token)
    except InvalidToken:
        return _personal(
            TemplateResponse(
                request, T + "invalid_link.html", {"page": index}, status=404
            )
        )
    occurrence = (
        Occurrence.objects.select_related("meeting").filter(pk=payload["o"]).first()
    )
    if occurrence is None:
        return _personal(
            TemplateResponse(
                request, T + "invalid_link.html", {"page": index}, status=404
            )
        )
    context = {"page": index, "occurrence": occurrence, "meeting": _local(occurrence)}
    if not occurrence.is_open:
        return _personal(TemplateResponse(request, T + "closed.html", context))
    if request.method == "POST":
        people = payload.get("p", 1)
        try:
            respond(
                occurrence.pk,
                payload["e"],
                answer=Rsvp.Answer.YES,
                people=people if isinstance(people, int) else 1,
                name=str(payload.get("n", ""))[:150],
                language=_language(),
            )
        except RsvpError as error:
            context["error"] = error.message
            return _personal(
                TemplateResponse(request, T + "confirm.html", context, status=400)
            )
        return redirect(
            index.url
            + index.reverse_subpage(
                "rsvp", args=[make_token(occurrence.pk, payload["e"])]
            )
        )
    return _personal(TemplateResponse(request, T + "confirm.html", context))


def _local(occurrence: Occurrence) -> Page:
    return _decorate([occurrence])[0].page


def rsvp(index, request, token: str):
    """The personal page of an invitation: the answer, the party, the name."""
    request.hub_personal = True
    try:
        payload = read_token(token)
    except InvalidToken:
        return _personal(
            TemplateResponse(
                request, T + "invalid_link.html", {"page": index}, status=404
            )
        )
    occurrence = (
        Occurrence.objects.select_related("meeting").filter(pk=payload["o"]).first()
    )
    if occurrence is None:
        return _personal(
            TemplateResponse(
                request, T + "invalid_link.html", {"page": index}, status=404
            )
        )
    email = payload["e"]
    meeting = _local(occurrence)
    current = Rsvp.objects.filter(occurrence=occurrence, email=email).first()
    context = {
        "page": index,
        "occurrence": occurrence,
        "meeting": meeting,
        "rsvp": current,
        "ics_url": meeting.url
        + meeting.reverse_subpage("date_ics", args=[occurrence.pk]),
    }
    if not occurrence.is_open:
        return _personal(TemplateResponse(request, T + "closed.html", context))
    initial = {
        "answer": request.GET.get("answer")
        if request.GET.get("answer") in Rsvp.Answer.values
        else (current.answer if current else ""),
        "people": current.people if current else 1,
        "name": current.name if current else "",
    }
    form = AnswerForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                outcome = respond(
                    occurrence.pk,
                    email,
                    answer=form.cleaned_data["answer"],
                    people=form.cleaned_data["people"],
                    name=form.cleaned_data["name"],
                    language=_language(),
                    association_id=payload.get("a")
                    if isinstance(payload.get("a"), int)
                    else None,
                )
                context["rsvp"] = outcome.rsvp
                context["saved"] = True
                form = AnswerForm(
                    initial={
                        "answer": outcome.rsvp.answer,
                        "people": outcome.rsvp.people,
                        "name": outcome.rsvp.name,
                    }
                )
            except RsvpError as error:
                context["error"] = error.message
                status = 400
        else:
            status = 400
    rsvp_row = context["rsvp"]
    show_link = (
        rsvp_row is not None
        and rsvp_row.status == Rsvp.Status.CONFIRMED
        and occurrence.meeting.online_url
        and timezone.now()
        >= occurrence.starts_at
        - timedelta(minutes=occurrence.meeting.online_link_before)
    )
    context["online_url"] = occurrence.meeting.online_url if show_link else ""
    context["form"] = form
    context["counts"] = counts(occurrence)
    return _personal(TemplateResponse(request, T + "rsvp.html", context, status=status))
