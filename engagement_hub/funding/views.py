"""The routes of the funding directory: finder, deadline calendar, iCal feeds and
the reminder sign-up with its confirmation. Bad input gives a page with a message
(400), never an error."""

from __future__ import annotations

import calendar as pycalendar
import copy
from datetime import date, timedelta
from types import SimpleNamespace
from urllib.parse import urlencode

from django.http import HttpResponseNotAllowed, QueryDict
from django.shortcuts import redirect
from django.template.loader import get_template
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from engagement_hub.core import render_cache
from engagement_hub.core.client_ip import client_ip
from engagement_hub.core.directory import cache as generations
from engagement_hub.core.directory.terms import term_options
from engagement_hub.core.security import personal
from engagement_hub.mailings import tokens

from . import ics
from .deadlines import occurrences, today
from .finder import guides_of, kept_rows, match, rows_of, shown
from .forms import AlertForm, FinderForm
from .guides import FundingDeadline, FundingGuidePage
from .subscriptions import FundingAlert

TEMPLATES = "engagement_hub/funding/"


def _topics(index):
    """Areas (the hub's categories) and target groups ("a youth project"): (slug,
    name) each, and the set of the target groups' slugs."""
    from wagtail.models import Locale

    from engagement_hub.core.models import Category, TargetGroup

    locale = Locale(pk=index.locale_id)  # the options need its pk only
    groups = term_options(TargetGroup, locale)
    topics = [*term_options(Category, locale), *groups]
    return topics, {slug for slug, _name in groups}


def _cached_body(name, index, request, template, compute, parts=()):
    """The page's content rendered from ``compute()`` (its context and status),
    cached until a guide below ``index`` is published, unpublished or moved, a
    term changes, a page of the frame changes or the day ends (deadlines and
    "last checked" flags are counted from today): ``core.render_cache``."""

    # The templates build links from the query string: they see only the
    # parameters that are part of the key.
    shared = copy.copy(request)
    shared.GET = QueryDict(
        urlencode([(name, value) for name, values in parts for value in values])
    )

    def render():
        context, status = compute()
        context.update(page=index, self=index, request=shared)
        return (get_template(template).render(context), status), None

    if getattr(request, "is_preview", False):
        return render()[0]
    return render_cache.cached(
        name,
        (index.pk, today().isoformat(), *parts),
        render,
        depends=(generations.page_token_name(index.pk), generations.TERMS),
    )


def _query_parts(request, names) -> tuple:
    return tuple(
        (name, tuple(value[:200] for value in request.GET.getlist(name)[:20]))
        for name in names
        if name in request.GET
    )


def finder(index, request):
    names = ("group", "topic", "amount", "when", "where", "go", "page")
    html, status = _cached_body(
        "funding-finder",
        index,
        request,
        TEMPLATES + "includes/finder_body.html",
        lambda: _finder_context(index, request),
        _query_parts(request, names),
    )
    context = {"page": index, "self": index, "finder_html": mark_safe(html)}  # noqa: S308
    return TemplateResponse(request, TEMPLATES + "finder.html", context, status=status)


def _finder_context(index, request):
    topics, group_slugs = _topics(index)
    asked = any(
        request.GET.get(name) for name in ("group", "topic", "amount", "when", "where")
    )
    submitted = "go" in request.GET or asked
    form = FinderForm(request.GET if submitted else None, topics=topics)
    results, status, answers, page_obj = None, 200, {}, None
    if submitted:
        if form.is_valid():
            answers = form.cleaned_data
            results = match(rows_of(index), answers, dict(topics), groups=group_slugs)
        elif form.has_error("__all__", "empty"):
            results = match(rows_of(index), {}, dict(topics), groups=group_slugs)
        else:
            status = 400
    if results is not None:
        page_obj = _page(request, results)
        shown(page_obj.object_list, answers)
    context = {
        "form": form,
        "results": results,
        "page_obj": page_obj,
        "answers": _answer_labels(form, answers),
        "submitted": submitted,
    }
    return context, status


def _page(request, items):
    from django.core.paginator import Paginator

    from engagement_hub.core.conf import hub_settings

    paginator = Paginator(items, hub_settings.PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


def _answer_labels(form, answers) -> list[tuple[str, str]]:
    labels = []
    for name, field in form.fields.items():
        value = answers.get(name)
        if value in (None, ""):
            continue
        if name == "amount":
            from .amounts import format_amount

            shown = format_amount(value)
        else:
            shown = dict(field.choices).get(value, value)
        labels.append((str(field.label), str(shown)))
    return labels


def _month(request) -> date | None:
    value = request.GET.get("month", "")
    if not value:
        return None
    try:
        year, month = (int(part) for part in value.split("-", 1))
        if not 2000 <= year <= 2100 or not 1 <= month <= 12:
            raise ValueError
        return date(year, month, 1)
    except ValueError:
        return "bad"


_GUIDES: dict = {}


def deadline_guides(index, request) -> list:
    """Open guides of ``index`` as light objects with their deadline rows and URL
    (no page instances; kept in the process while the guides are unchanged, see
    ``finder.kept_rows``: one aggregate query then)."""
    base = FundingGuidePage.objects.live().public().child_of(index)
    prefix = index.get_url(request)
    return [
        SimpleNamespace(**vars(guide), url=f"{prefix}{guide.slug}/")
        for guide in kept_rows(_GUIDES, index, base, _load_guides)
        if not guide.closed
    ]


def _load_guides(base) -> dict:
    guides = {
        row["pk"]: SimpleNamespace(**row, rows=[])
        for row in base.values(
            "pk",
            "title",
            "slug",
            "closed",
            "deadline_kind",
            "plain_summary",
            "translation_key",
        )
    }
    for row in FundingDeadline.objects.filter(page_id__in=list(guides)).values(
        "pk", "page_id", "date", "month", "day", "note"
    ):
        guides[row["page_id"]].rows.append(SimpleNamespace(**row))
    return guides


def deadline_calendar(index, request):
    html, status = _cached_body(
        "funding-calendar",
        index,
        request,
        TEMPLATES + "includes/calendar_body.html",
        lambda: _calendar_context(index, request),
        _query_parts(request, ("month", "page")),
    )
    context = {"page": index, "self": index, "calendar_html": mark_safe(html)}  # noqa: S308
    return TemplateResponse(
        request, TEMPLATES + "calendar.html", context, status=status
    )


def _calendar_context(index, request):
    start = today()
    month = _month(request)
    status = 200
    error = ""
    if month == "bad":
        error = _("Choose a month like 2027-03.")
        month, status = None, 400
    guides = deadline_guides(index, request)
    end = start + timedelta(days=365)
    shown = month or start.replace(day=1)
    last = pycalendar.monthrange(shown.year, shown.month)[1]
    month_end = shown.replace(day=last)
    # One pass over the guides for the upcoming list and the month grid.
    upcoming, in_month = [], {}
    for guide in guides:
        found = occurrences(guide, min(start, shown), max(end, month_end), guide.rows)
        for o in found:
            if start <= o.date <= end:
                upcoming.append(o)
            if shown <= o.date <= month_end:
                in_month.setdefault(o.date.day, []).append(o)
    upcoming.sort(key=lambda o: (o.date, o.guide.title))
    upcoming_page = _page(request, upcoming)
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdayscalendar(
        shown.year, shown.month
    ):
        weeks.append([(day, in_month.get(day, [])) for day in week])
    previous = (shown - timedelta(days=1)).replace(day=1)
    following = shown.replace(day=last) + timedelta(days=1)
    context = {
        "upcoming": upcoming_page.object_list,
        "page_obj": upcoming_page,
        "weeks": weeks,
        "month": shown,
        "previous_month": f"{previous:%Y-%m}",
        "next_month": f"{following:%Y-%m}",
        "error": error,
        "rolling": [g for g in guides if g.deadline_kind == "rolling"],
    }
    return context, status


# Serialised events per (index, language): {what they are made of: bytes}.
_EVENTS: dict = {}


def feed_occurrences(index, request) -> list[tuple]:
    """(guide, its occurrences) for the all-deadlines feed: 30 days back, 400
    ahead."""
    start = today() - timedelta(days=30)
    end = start + timedelta(days=400)
    return [
        (guide, occurrences(guide, start, end, guide.rows))
        for guide in deadline_guides(index, request)
    ]


def _feed_body(index, request) -> bytes:
    """The all-deadlines feed. Each guide's events are serialised once and kept
    in the process under everything they are made of (its title, summary, URL,
    dates and notes, the day, the language and the host): after a publish only
    that guide's events are made again."""
    host = ics.uid_host()
    language = translation.get_language() or ""
    stamp = today()
    store_key = (index.pk, language)
    kept = _EVENTS.get(store_key, {})
    fresh = {}
    chunks = []
    # As request.build_absolute_uri(guide.url), for the index's URL once.
    base = request.build_absolute_uri(index.get_url(request))
    for guide, found in feed_occurrences(index, request):
        if not found:
            continue
        guide.absolute_url = iri_to_uri(f"{base}{guide.slug}/")
        key = (
            stamp,
            host,
            guide.absolute_url,
            guide.translation_key,
            guide.title,
            guide.plain_summary,
            tuple((o.date, o.note) for o in found),
        )
        chunk = kept.get(key)
        if chunk is None:
            chunk = b"".join(e.to_ical() for e in ics.events(found, request, host))
        fresh[key] = chunk
        chunks.append(chunk)
    _EVENTS[store_key] = fresh
    return ics.with_events(ics.new_calendar(_("Funding deadlines")), chunks)


def ical_all(index, request):
    """All open deadlines, cached until a guide below ``index`` is published,
    unpublished or moved or the day ends (calendar clients poll it); a rebuild
    serialises only the events of guides that changed (``_feed_body``)."""
    if getattr(request, "is_preview", False):
        return ics.ical_response(_feed_body(index, request))
    body = render_cache.cached(
        "funding-ical",
        (index.pk, today().isoformat(), request.scheme, request.get_host()),
        lambda: (_feed_body(index, request), None),
        depends=(generations.page_token_name(index.pk),),
    )
    return ics.ical_response(body)


# -- reminders ---------------------------------------------------------------------


def _areas(index):
    from engagement_hub.core.models import Category

    return [
        (str(c.translation_key), c.name)
        for c in Category.objects.filter(locale=index.locale).order_by("name")
    ]


def alert_signup(index, request):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    guides = guides_of(index).filter(closed=False)
    guide = None
    raw = request.GET.get("guide") or request.POST.get("guide")
    if raw:
        guide = guides.filter(pk=raw).first() if str(raw).isdigit() else None
    initial = {
        "scope": "programme" if guide else "all",
        "guide": guide.pk if guide else None,
    }
    if request.method == "GET":
        form = AlertForm(initial=initial, areas=_areas(index), guides=guides)
        return _alert_page(request, index, form, guide)
    form = AlertForm(request.POST, areas=_areas(index), guides=guides)
    if form.is_bot():
        return redirect(index.url + index.reverse_subpage("alerts_thanks"))
    if not form.is_valid():
        return _alert_page(request, index, form, guide, status=400)
    from engagement_hub.mailings.views import rate_limited

    data = form.cleaned_data
    if rate_limited(request, data["email"]):
        form.add_error(
            None, _("Too many sign-up attempts. Please wait an hour and try again.")
        )
        return _alert_page(request, index, form, guide, status=429)
    from .alerts import request_alert

    chosen = guides.get(pk=data["guide"]) if data["scope"] == "programme" else None
    base = index.get_url(request)

    def confirm_url(token):
        from urllib.parse import urlencode

        path = index.url + index.reverse_subpage("alerts_confirm")
        return f"{path}?{urlencode({'token': token})}"

    request_alert(
        data["email"],
        translation.get_language() or "de",
        data["scope"],
        area_key=data["area"] if data["scope"] == "area" else None,
        guide_key=chosen.translation_key if chosen else None,
        announce_new=data["announce_new"] and data["scope"] != "programme",
        confirm_url=confirm_url,
        source_url=request.build_absolute_uri(),
        ip=client_ip(request),
    )
    return redirect(base + index.reverse_subpage("alerts_thanks"))


def _alert_page(request, index, form, guide, status=200):
    from .alerts import consent_text

    return TemplateResponse(
        request,
        TEMPLATES + "alerts.html",
        {
            "page": index,
            "self": index,
            "form": form,
            "guide": guide,
            "consent_text": consent_text(translation.get_language() or "de"),
        },
        status=status,
    )


def alert_thanks(index, request):
    return TemplateResponse(
        request, TEMPLATES + "alerts_thanks.html", {"page": index, "self": index}
    )


@personal
def alert_confirm(index, request, token):
    from .alerts import alert_for_token, confirm_alert

    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not token:
        return _invalid(request, index)
    try:
        alert = alert_for_token(token)
    except tokens.ExpiredToken:
        return _invalid(request, index, expired=True)
    except tokens.InvalidToken:
        return _invalid(request, index)
    if request.method == "GET":
        return TemplateResponse(
            request,
            TEMPLATES + "alerts_confirm.html",
            {"page": index, "self": index, "alert": _describe(alert)},
        )
    try:
        alert = confirm_alert(token, ip=client_ip(request))
    except tokens.InvalidToken:
        return _invalid(request, index)
    return TemplateResponse(
        request,
        TEMPLATES + "alerts_confirmed.html",
        {"page": index, "self": index, "alert": _describe(alert)},
    )


def _describe(alert: FundingAlert) -> str:
    if alert.scope == FundingAlert.Scope.PROGRAMME:
        guide = FundingGuidePage.objects.filter(translation_key=alert.guide_key).first()
        if guide:
            guide = guide.localized
            return _("Reminders for “%(title)s”") % {"title": guide.title}
    if alert.scope == FundingAlert.Scope.AREA:
        from engagement_hub.core.models import Category

        area = Category.objects.filter(translation_key=alert.area_key).first()
        if area:
            return _("Reminders for the area “%(name)s”") % {
                "name": area.localized.name
            }
    return _("Reminders for all funding programmes")


def _invalid(request, index, expired=False):
    return TemplateResponse(
        request,
        TEMPLATES + "alerts_invalid.html",
        {"page": index, "self": index, "expired": expired},
        status=400,
    )
