"""Rooms (Räume) that clubs can book: the room directory, each room's facts, its
availability and the booking requests (one row per requested date).

``RoomIndexPage`` and ``RoomPage`` stand on top of the app: the room's routes hand
the request to ``views``, and the finder's filter, the calendar and the feeds read
the bookable hours, closures and bookings (``bookings``) below. Every model and
choice of the app is importable from here, as Django loads them."""

from __future__ import annotations

import functools

from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from engagement_hub.core.blocks import RICH_TEXT_FEATURES
from engagement_hub.core.directory.facets import (
    AccessibilityFacet,
    ChoiceFacet,
    Condition,
    ConditionFacet,
    DistrictFacet,
    FlagFacet,
    SortOrder,
)
from engagement_hub.core.directory.models import (
    AccessibilityFields,
    DirectoryEntry,
    DirectoryIndexPage,
    ImageFields,
    PlaceFields,
    TermFields,
)
from engagement_hub.core.money import euro_amount
from engagement_hub.core.page_forms import LocaleTermsPageForm
from engagement_hub.core.routing import ChildRouteMixin

from .bookings import Booking, BookingRequest, RoomBookableHours, RoomClosure
from .choices import (
    EQUIPMENT,
    MAX_SERIES_DATES,
    RETENTION_DAYS,
    BookingStatus,
    OperatorKind,
    Repeat,
    RoomType,
)

__all__ = [
    "EQUIPMENT",
    "MAX_SERIES_DATES",
    "RETENTION_DAYS",
    "Booking",
    "BookingRequest",
    "BookingStatus",
    "Operator",
    "OperatorKind",
    "Repeat",
    "RoomBookableHours",
    "RoomClosure",
    "RoomIndexPage",
    "RoomPage",
    "RoomType",
]


@register_snippet
class Operator(models.Model):
    """Who runs rooms (the city, a school, a church, an association). Members of
    its manager group decide the booking requests of all its rooms."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OperatorKind.choices, default="city"
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    manager_group = models.ForeignKey(
        Group,
        verbose_name=_("room managers"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Members of this group decide requests for all rooms of this "
            "operator. Created when left empty."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("website"),
        FieldPanel("manager_group"),
    ]

    class Meta:
        verbose_name = _("room operator")
        verbose_name_plural = _("room operators")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def _at_least(number: int) -> str:
    return gettext("at least %(n)s people") % {"n": number}


# The label in the listing's language (a lazy "%" would be evaluated at import).
at_least_label = lazy(_at_least, str)


def _capacity_at_least(number: int) -> Q:
    return Q(capacity_seated__gte=number) | Q(capacity_standing__gte=number)


def _any_equipment() -> list[Condition]:
    return [
        Condition(field[4:], label, Q(**{field: True})) for field, label in EQUIPMENT
    ]


@functools.cache
def _room_users() -> tuple:
    """The page models with a ``room`` link to room pages (offers, meetings, ...);
    fixed once the app registry is ready, so computed once."""
    from wagtail.models import get_page_models

    users = []
    for model in get_page_models():
        try:
            field = model._meta.get_field("room")
        except FieldDoesNotExist:
            continue
        if getattr(field, "related_model", None) is RoomPage:
            users.append(model)
    return tuple(users)


class RoomIndexPage(ChildRouteMixin, DirectoryIndexPage):
    """The room finder: the directory's facets plus availability."""

    entry_model = "engagement_hub_rooms.RoomPage"
    child_route_model = entry_model
    age_filter = False  # rooms have no ages
    facets = [
        ConditionFacet(
            "capacity",
            _("Room for"),
            [
                Condition(str(n), at_least_label(n), _capacity_at_least(n))
                for n in (10, 20, 30, 50, 100)
            ],
            multiple=False,
        ),
        ChoiceFacet(
            "type", _("Kind of room"), field="room_type", choices=RoomType.choices
        ),
        ConditionFacet("equipment", _("Equipment"), _any_equipment()),
        AccessibilityFacet(),
        DistrictFacet(),
        FlagFacet(
            "cost",
            _("Cost"),
            field="free_for_nonprofits",
            option_label=_("Free of charge for non-profit clubs"),
            value="free",
        ),
    ]
    sort_orders = [
        SortOrder("title", _("Name (A to Z)"), ["title"]),
        SortOrder(
            "capacity",
            _("Largest first"),
            [models.F("capacity_seated").desc(nulls_last=True)],
        ),
    ]
    text_fields = ["title", "short_description", "description", "place_name", "street"]
    card_template = "engagement_hub/rooms/includes/card.html"
    card_select_related = ["operator"]
    subpage_types = ["engagement_hub_rooms.RoomPage"]
    template = "engagement_hub/rooms/room_index_page.html"

    class Meta:
        verbose_name = _("room directory")
        verbose_name_plural = _("room directories")

    @classmethod
    def allowed_parameters(cls) -> set[str]:
        from .availability import FINDER_PARAMETERS

        return {*super().allowed_parameters(), *FINDER_PARAMETERS}

    def extra_filter(self, request):
        from .availability import finder_filter

        return finder_filter(request, self)

    def get_context(self, request, *args, **kwargs):
        from .map import map_context

        context = super().get_context(request, *args, **kwargs)
        context.update(map_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        from .map import tile_origin

        response = super().serve(request, *args, **kwargs)
        origin = tile_origin()
        if origin:
            # The configured tile server is the only other host the page uses.
            response._csp_update = {"img-src": [origin]}
        return response


class RoomPage(RoutablePageMixin, DirectoryEntry):
    """One room. Its public API for other domains (meetings, offers): ``title``,
    ``address_lines``, ``capacity`` and the page URL."""

    base_form_class = LocaleTermsPageForm

    slots_relation = "bookable_hours"

    operator = models.ForeignKey(
        Operator,
        verbose_name=_("operator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rooms",
    )
    room_type = models.CharField(
        _("kind of room"),
        max_length=20,
        choices=RoomType.choices,
        default=RoomType.MEETING,
    )
    capacity_seated = models.PositiveSmallIntegerField(
        _("seats"), null=True, blank=True
    )
    capacity_standing = models.PositiveSmallIntegerField(
        _("standing places"), null=True, blank=True
    )
    area = models.PositiveSmallIntegerField(_("area (m²)"), null=True, blank=True)
    has_projector = models.BooleanField(_("projector"), default=False)
    has_sound_system = models.BooleanField(_("sound system"), default=False)
    has_wifi = models.BooleanField(_("Wi-Fi"), default=False)
    has_kitchen = models.BooleanField(_("kitchen"), default=False)
    has_stage = models.BooleanField(_("stage"), default=False)
    has_piano = models.BooleanField(_("piano"), default=False)
    has_flipchart = models.BooleanField(_("flip chart or whiteboard"), default=False)
    equipment_notes = models.CharField(
        _("more about the equipment"), max_length=300, blank=True
    )
    free_for_nonprofits = models.BooleanField(
        _("free of charge for non-profit clubs"), default=False
    )
    hourly_rate = euro_amount(_("hourly rate (EUR)"))
    daily_rate = euro_amount(_("daily rate (EUR)"))
    deposit = euro_amount(_("deposit (EUR)"))
    price_notes = models.CharField(
        _("more about the price"), max_length=300, blank=True
    )
    usage_rules = RichTextField(
        _("usage rules"), blank=True, features=RICH_TEXT_FEATURES
    )
    excluded_uses = models.CharField(
        _("not allowed"),
        max_length=300,
        blank=True,
        help_text=_("For example: no parties, no open fire."),
    )
    min_notice_days = models.PositiveSmallIntegerField(
        _("minimum notice (days)"), default=3
    )
    max_days_ahead = models.PositiveSmallIntegerField(
        _("bookable up to (days ahead)"), default=365
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        _("buffer between bookings (minutes)"),
        default=30,
        help_text=_("For cleaning and setting up; kept free after each booking."),
    )
    key_handover = models.CharField(_("key handover"), max_length=300, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    external_booking_url = models.URLField(
        _("external booking address"),
        blank=True,
        help_text=_(
            "If the operator takes bookings in another system, requests "
            "go there instead."
        ),
    )
    manager_group = models.ForeignKey(
        Group,
        verbose_name=_("room managers"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Members decide this room's requests (in addition to the "
            "operator's managers)."
        ),
    )

    content_panels = [
        *Page.content_panels,
        *DirectoryEntry.description_panels,
        FieldRowPanel([FieldPanel("room_type"), FieldPanel("operator")]),
        ImageFields.image_panel(),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("capacity_seated"),
                        FieldPanel("capacity_standing"),
                        FieldPanel("area"),
                    ]
                ),
                *TermFields.term_panels,
            ],
            heading=_("Size and use"),
        ),
        MultiFieldPanel(
            [
                *(FieldPanel(name) for name, _label in EQUIPMENT),
                FieldPanel("equipment_notes"),
            ],
            heading=_("Equipment"),
        ),
        MultiFieldPanel(PlaceFields.place_panels, heading=_("Where")),
        MultiFieldPanel(
            AccessibilityFields.accessibility_panels, heading=_("Accessibility")
        ),
        MultiFieldPanel(
            [
                FieldPanel("free_for_nonprofits"),
                FieldRowPanel(
                    [
                        FieldPanel("hourly_rate"),
                        FieldPanel("daily_rate"),
                        FieldPanel("deposit"),
                    ]
                ),
                FieldPanel("price_notes"),
            ],
            heading=_("Price"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("usage_rules"),
                FieldPanel("excluded_uses"),
                FieldPanel("key_handover"),
            ],
            heading=_("Rules"),
        ),
        MultiFieldPanel(
            [
                InlinePanel("bookable_hours", label=_("Bookable hours")),
                FieldRowPanel(
                    [
                        FieldPanel("min_notice_days"),
                        FieldPanel("max_days_ahead"),
                        FieldPanel("buffer_minutes"),
                    ]
                ),
                InlinePanel("closures", label=_("Closure")),
            ],
            heading=_("Booking"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel(
                    [FieldPanel("contact_email"), FieldPanel("contact_phone")]
                ),
                FieldPanel("external_booking_url"),
                FieldPanel("manager_group"),
            ],
            heading=_("Contact and management"),
        ),
    ]
    search_fields = [
        *DirectoryEntry.search_fields,
        index.SearchField("equipment_notes"),
        index.FilterField("room_type"),
    ]
    override_translatable_fields = [
        *map(SynchronizedField, DirectoryEntry.entry_synchronized_fields),
        *(
            SynchronizedField(name)
            for name in (
                "operator",
                "room_type",
                "capacity_seated",
                "capacity_standing",
                "area",
                *(field for field, _label in EQUIPMENT),
                "free_for_nonprofits",
                "hourly_rate",
                "daily_rate",
                "deposit",
                "min_notice_days",
                "max_days_ahead",
                "buffer_minutes",
                "contact_email",
                "contact_phone",
                "contact_name",
                "external_booking_url",
                "manager_group",
                "bookable_hours",
                "closures",
            )
        ),
    ]
    parent_page_types = ["engagement_hub_rooms.RoomIndexPage"]
    template = "engagement_hub/rooms/room_page.html"

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    # --- the public API ----------------------------------------------------------

    @property
    def capacity(self) -> int | None:
        """The most people the room holds (seated or standing)."""
        values = [v for v in (self.capacity_seated, self.capacity_standing) if v]
        return max(values) if values else None

    @property
    def equipment(self) -> list[str]:
        return [str(label) for field, label in EQUIPMENT if getattr(self, field)]

    @property
    def booking_page(self) -> RoomPage:
        """The source-language room that holds the bookings (translations share it)."""
        if self.locale_id == _default_locale_id():
            return self
        source = RoomPage.objects.filter(
            translation_key=self.translation_key, locale_id=_default_locale_id()
        ).first()
        return source or self

    @property
    def takes_requests(self) -> bool:
        return not self.external_booking_url

    def save(self, *args, **kwargs):
        # The hours and closures saved with the room need no signal of their own
        # (signals.room_rows_changed): the publish renews what depends on them.
        self._saving_rows = True
        try:
            return super().save(*args, **kwargs)
        finally:
            self._saving_rows = False

    def clean_entry(self) -> dict:
        errors = {}
        if self.capacity is None:
            errors["capacity_seated"] = _("Enter how many people the room holds.")
        if self.max_days_ahead and self.min_notice_days >= self.max_days_ahead:
            errors["max_days_ahead"] = _(
                "The booking window must end after the minimum notice."
            )
        return errors

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            meta, body = self._render_body(request, context)[0]
        else:
            from engagement_hub.core import render_cache

            # The room's meta tags, content, calendar and regular uses, cached until
            # the room is published, a booking changes, a page that uses the room
            # is published or the day ends (core.render_cache).
            parts = (
                self.pk,
                self.live_revision_id,
                request.get_host(),
                *(request.GET.get(name, "")[:20] for name in ("view", "week", "month")),
                request.GET.get("back", "")[:2000],
            )
            meta, body = render_cache.cached(
                "room",
                parts,
                lambda: self._render_body(request, context),
                depends=self._body_tokens(),
            )
        context["room_meta"] = mark_safe(meta)  # noqa: S308
        context["room_html"] = mark_safe(body)  # noqa: S308
        return context

    def _body_tokens(self) -> tuple[str, ...]:
        from engagement_hub.core.directory import cache as tokens

        from .caching import BOOKINGS, operator_token

        return (
            BOOKINGS,
            tokens.TERMS,
            operator_token(),
            *(
                tokens.model_token_name(model._meta.label_lower)
                for model in _room_users()
            ),
        )

    def _serve_shared(self, request):
        """The whole page for a visitor it is the same for (no login, no messages,
        not a preview), cached under the body's tokens plus the frame's (the
        ``pages`` token, which images renew too, and the page's translations): a
        warm request renders nothing. Anything else renders as before (with the
        cached body)."""
        from django.contrib.messages import get_messages
        from django.http import HttpResponse

        from engagement_hub.core import render_cache
        from engagement_hub.core.chrome_cache import translation_token

        user = getattr(request, "user", None)
        if (
            request.method not in ("GET", "HEAD")
            or getattr(request, "is_preview", False)
            or (user is not None and user.is_authenticated)
            or len(get_messages(request))
        ):
            return None

        def render():
            used = request.META.get("CSRF_COOKIE_USED")
            response = self.render(request)
            html = response.render().content.decode()
            # A page that asked for the visitor's CSRF token is not stored.
            personal = request.META.get("CSRF_COOKIE_USED") and not used
            return html, (timezone.now() if personal else None)

        html = render_cache.cached(
            "room-page",
            (
                self.pk,
                self.live_revision_id,
                request.scheme,
                request.get_host(),
                request.path,
                # What the page reads of the query (other parameters change nothing,
                # and must not each fill the cache).
                *(request.GET.get(name, "")[:20] for name in ("view", "week", "month")),
                request.GET.get("back", "")[:2000],
            ),
            render,
            depends=(
                *self._body_tokens(),
                translation_token(self.translation_key),
            ),
        )
        return HttpResponse(html)

    def _render_body(self, request, context):
        from django.template.loader import get_template

        from .calendar import calendar_context
        from .structured_data import room_json_ld

        body = dict(context)
        body.update(self.entry_context(request))
        body["json_ld"] = room_json_ld(self, request)
        # The frame's context processors (site settings) for the meta tags.
        meta = get_template("engagement_hub/directory/includes/meta.html").render(
            body, request
        )
        body.update(calendar_context(self, request))
        body["regular_uses"] = self.regular_uses()
        body["request"] = None
        html = get_template("engagement_hub/rooms/includes/room_body.html").render(body)
        return (meta, html), None

    def regular_uses(self) -> list:
        """Live pages (in this page's language) that name this room as their place:
        offers and meetings, or any page type with a ``room`` link to rooms."""
        uses = []
        for model in _room_users():
            found = list(
                model.objects.live()
                .filter(
                    room__translation_key=self.translation_key, locale_id=self.locale_id
                )
                .order_by("title")[:50]
            )
            if not found:  # most rooms: one query per page type
                continue
            public = set(
                model.objects.filter(pk__in=[page.pk for page in found])
                .public()
                .values_list("pk", flat=True)
            )
            found = [page for page in found if page.pk in public]
            if hasattr(model, "schedule"):
                prefetch_related_objects(found, "schedule")
            uses.extend(found)
        return sorted(uses, key=lambda page: page.title)

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self._serve_shared(request) or self.render(request)

    @path("request/", name="request")
    def request_route(self, request):
        from .views import request_view

        return request_view(self, request)

    @path("request/sent/", name="request_sent")
    def request_sent_route(self, request):
        from .views import request_sent_view

        return request_sent_view(self, request)

    @path("request/confirm/<str:token>/", name="confirm")
    def confirm_route(self, request, token):
        from .views import confirm_view

        return confirm_view(self, request, token)

    @path("booking/<str:token>/", name="manage")
    def manage_route(self, request, token):
        from .views import manage_view

        return manage_view(self, request, token)

    @path("booking/<str:token>/ics/", name="booking_ics")
    def booking_ics_route(self, request, token):
        from .views import booking_ics_view

        return booking_ics_view(self, request, token)

    @path("ical/", name="ical")
    def ical_route(self, request):
        from .views import ical_view

        return ical_view(self, request)


def _default_locale_id() -> int:
    from wagtail.models import Locale

    return Locale.get_default().pk
