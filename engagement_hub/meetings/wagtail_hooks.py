"""Admin wiring (dates, invitations, registrations) and the association page's
section listing the meetings a club organises."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from engagement_hub.core.menu import PermissionMenuItem

from . import admin_views

admin_patterns = (
    [
        path("", admin_views.index, name="index"),
        path("<int:pk>/", admin_views.detail, name="detail"),
        path("<int:pk>/invite/", admin_views.invite, name="invite"),
        path("<int:pk>/export.csv", admin_views.export_csv, name="export"),
    ],
    "engagement_hub_meetings_admin",
)

# An association page lists at most this many meetings it organises.
MAX_MEETINGS_ON_ASSOCIATION = 20


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("meetings/", include(admin_patterns))]


@hooks.register("register_admin_menu_item")
def meetings_menu_item():
    return PermissionMenuItem(
        gettext_lazy("Meeting dates"),
        reverse("engagement_hub_meetings_admin:index"),
        icon_name="date",
        order=250,
        permission=admin_views.VIEW,
    )


GENERATION_KEY = "engagement_hub:meetings:club-sections:generation"
SECTION_TIMEOUT = 3600  # dates pass: the list is rebuilt at least hourly


def renew_sections(**_kwargs) -> None:
    """A meeting or a date changed: every club's cached list is stale."""
    from django.core.cache import cache

    cache.set(GENERATION_KEY, timezone.now().timestamp(), None)


@hooks.register("engagement_hub_association_sections")
def association_meetings(page, request) -> dict:
    """The live meetings the club organises with a date ahead, in the page's
    language; cached per club (no database query on a hit), renewed when a
    meeting or a date is saved."""
    from django.core.cache import cache

    generation = cache.get(GENERATION_KEY, 0)
    key = (
        f"engagement_hub:meetings:club-sections:{page.translation_key}:{page.locale_id}"
    )
    cached = cache.get(key)
    if cached is not None and cached[0] == generation:
        pages = cached[1]
    else:
        pages = _club_meetings(page)
        cache.set(key, (generation, pages), SECTION_TIMEOUT)
    return {"heading": _("Meetings of this association"), "pages": pages}


def _club_meetings(page) -> list:
    from .models import MeetingPage, Occurrence

    keys = Occurrence.objects.filter(
        starts_at__gte=timezone.now(),
        meeting__organiser__translation_key=page.translation_key,
    ).values("meeting__translation_key")
    meetings = (
        MeetingPage.objects.live()
        .public()
        .filter(translation_key__in=keys, locale_id=page.locale_id)
        .order_by("title")
        .only("title", "url_path", "short_description", "locale_id")[
            :MAX_MEETINGS_ON_ASSOCIATION
        ]
    )
    return list(meetings)


@hooks.register("construct_homepage_panels")
def next_meetings_panel(request, panels):
    """Who may see the dates: the next ones with their answers."""
    from django.db.models import Count, Q
    from django.utils import formats, timezone

    from engagement_hub.core.dashboard import PANEL_ROWS, DashboardItem, DashboardPanel

    from .models import Occurrence, Rsvp

    if not request.user.has_perm(admin_views.VIEW):
        return
    rows = list(
        Occurrence.objects.filter(starts_at__gte=timezone.now())
        .exclude(status=Occurrence.Status.CANCELLED)
        .select_related("meeting")
        .annotate(
            yes=Count("rsvps", filter=Q(rsvps__answer=Rsvp.Answer.YES)),
            answers=Count("rsvps"),
        )
        .order_by("starts_at")[:PANEL_ROWS]
    )
    items = [
        DashboardItem(
            formats.date_format(
                timezone.localtime(o.starts_at), "SHORT_DATETIME_FORMAT"
            )
            + f" {o.meeting.title}",
            reverse("engagement_hub_meetings_admin:detail", args=[o.pk]),
            _("%(yes)s coming, %(answers)s answers")
            % {"yes": o.yes, "answers": o.answers},
        )
        for o in rows
    ]
    panels.append(
        DashboardPanel(
            name="next_meetings",
            heading=_("Next meetings"),
            items=items,
            order=140,
            more_url=reverse("engagement_hub_meetings_admin:index"),
            empty=_("No meetings are planned."),
        )
    )
