"""The meeting pages: the calendar (``MeetingIndexPage``) and a meeting, one date
or a series from a recurrence rule (``MeetingPage``), with its agenda and
documents. Their routes and content are served by ``views.py``; the dates, RSVPs
and invitations are the rows of ``rows.py``."""

from __future__ import annotations

from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from engagement_hub.core.blocks import RICH_TEXT_FEATURES
from engagement_hub.core.chrome_cache import default_locale
from engagement_hub.core.directory.models import (
    AccessibilityFields,
    DescriptionFields,
    PlaceFields,
    live_in_locale,
    parse_dates,
)
from engagement_hub.core.page_forms import LocaleTermsPageForm
from engagement_hub.core.routing import ChildRouteMixin
from engagement_hub.core.slugs import AsciiSlugMixin

from . import views
from .rows import MeetingKind

SERVICES = [
    ("sign_language", _("Sign language interpreting")),
    ("childcare", _("Childcare")),
    ("interpretation", _("Interpretation into other languages")),
]


class MeetingIndexPage(RoutablePageMixin, ChildRouteMixin, AsciiSlugMixin, Page):
    """All meetings: upcoming dates first, past dates with minutes, a month calendar
    and filters (see ``views.py`` for the routes)."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["engagement_hub_meetings.MeetingPage"]
    child_route_model = "engagement_hub_meetings.MeetingPage"
    max_count_per_parent = 1
    template = "engagement_hub/meetings/meeting_index_page.html"

    class Meta:
        verbose_name = _("meeting calendar")
        verbose_name_plural = _("meeting calendars")

    @staticmethod
    def meeting_model() -> type[MeetingPage]:
        """The model of the meetings below (the views take it from the page)."""
        return MeetingPage

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views.index_fragment(self, request))
        return context

    # -- routes (views.py) ---------------------------------------------------

    @path("feed/", name="feed")
    def feed(self, request):
        return views.feed(self, request)

    @path("rsvp/<str:token>/", name="rsvp")
    def rsvp(self, request, token):
        return views.rsvp(self, request, token)

    @path("confirm/<str:token>/", name="confirm")
    def confirm(self, request, token):
        return views.confirm(self, request, token)


class MeetingPage(
    RoutablePageMixin,
    DescriptionFields,
    PlaceFields,
    AccessibilityFields,
    AsciiSlugMixin,
    Page,
):
    """One meeting or a series of meetings."""

    base_form_class = LocaleTermsPageForm
    # Publishing one renews the meetings' model token, not the whole frame's
    # (core.chrome_cache): the calendar and the room pages depend on it.
    shown_in_frame = False
    # Loaded with the page when a URL names it (core.routing.ChildRouteMixin): the
    # page shows its room and organiser.
    route_select_related = ("room", "organiser")

    kind = models.CharField(
        _("kind"), max_length=20, choices=MeetingKind.choices, default="club_meetup"
    )
    organiser = models.ForeignKey(
        "engagement_hub_associations.AssociationPage",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty: the city organises it."),
    )
    room = models.ForeignKey(
        "engagement_hub_rooms.RoomPage",
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A room of the room directory: its name and address become the meeting's "
            "place, and the room page lists the meeting."
        ),
    )
    starts_at = models.DateTimeField(
        _("first date and time"),
        help_text=_("The date of a single meeting, or the first date of a series."),
    )
    duration = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        default=120,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )
    recurrence = models.CharField(
        _("recurrence rule"),
        max_length=300,
        blank=True,
        help_text=_(
            "Empty for a single date. An iCalendar rule, for example "
            "FREQ=MONTHLY;BYDAY=+3TU (every third Tuesday) or FREQ=MONTHLY;"
            "INTERVAL=3 (quarterly)."
        ),
    )
    series_until = models.DateField(_("series ends on"), null=True, blank=True)
    exception_dates = models.TextField(
        _("dates left out"),
        blank=True,
        help_text=_("One date per line (YYYY-MM-DD), for example holidays."),
    )
    capacity = models.PositiveIntegerField(
        _("places per date"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit. A date can have its own number."),
    )
    public_registration = models.BooleanField(
        _("anyone may register on the page"),
        default=True,
        help_text=_("Otherwise only invited people register, with their link."),
    )
    online_url = models.URLField(_("online meeting link"), blank=True)
    online_link_before = models.PositiveSmallIntegerField(
        _("show the online link this many minutes before the start"),
        default=60,
        help_text=_("Only to people who registered."),
    )
    sign_language = models.BooleanField(_("sign language interpreting"), default=False)
    childcare = models.BooleanField(_("childcare"), default=False)
    interpretation = models.BooleanField(
        _("interpretation into other languages"), default=False
    )
    services_notes = models.CharField(
        _("more about the services"), max_length=300, blank=True
    )
    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text=_("A function address.")
    )
    contact_notes = models.CharField(
        _("more about the contact"), max_length=300, blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("organiser")]),
        *DescriptionFields.description_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("duration")]),
                FieldPanel("recurrence"),
                FieldPanel("series_until"),
                FieldPanel("exception_dates"),
                FieldRowPanel(
                    [FieldPanel("capacity"), FieldPanel("public_registration")]
                ),
            ],
            heading=_("When"),
        ),
        InlinePanel("agenda_items", label=_("Agenda item")),
        MultiFieldPanel(
            [FieldPanel("room"), *PlaceFields.place_panels], heading=_("Where")
        ),
        MultiFieldPanel(
            [FieldPanel("online_url"), FieldPanel("online_link_before")],
            heading=_("Online"),
        ),
        MultiFieldPanel(
            [
                *AccessibilityFields.accessibility_panels,
                FieldRowPanel(
                    [
                        FieldPanel("sign_language"),
                        FieldPanel("childcare"),
                        FieldPanel("interpretation"),
                    ]
                ),
                FieldPanel("services_notes"),
            ],
            heading=_("Accessibility and services"),
        ),
        InlinePanel("documents", label=_("Document")),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_notes")],
            heading=_("Contact"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        *DescriptionFields.description_search_fields,
        index.SearchField("place_name"),
        index.FilterField("kind"),
    ]
    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "kind",
            "organiser",
            "room",
            "starts_at",
            "duration",
            "recurrence",
            "series_until",
            "exception_dates",
            "capacity",
            "public_registration",
            "online_url",
            "online_link_before",
            "sign_language",
            "childcare",
            "interpretation",
            "street",
            "postcode",
            "town",
            "district",
            "latitude",
            "longitude",
            "step_free_access",
            "accessible_toilet",
            "hearing_loop",
            "contact_email",
            "documents",
        )
    ]
    parent_page_types = ["engagement_hub_meetings.MeetingIndexPage"]
    template = "engagement_hub/meetings/meeting_page.html"

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    # -- routes (views.py) ---------------------------------------------------

    @path("feed/", name="series_feed")
    def series_feed(self, request):
        return views.series_feed(self, request)

    @path("date/<int:occurrence_id>/ics/", name="date_ics")
    def date_ics(self, request, occurrence_id):
        return views.date_ics(self, request, occurrence_id)

    @path("date/<int:occurrence_id>/register/", name="register")
    def register(self, request, occurrence_id):
        return views.register(self, request, occurrence_id)

    # -- the series ------------------------------------------------------------

    @property
    def is_series(self) -> bool:
        return bool(self.recurrence.strip())

    @property
    def exceptions(self) -> set:
        return set(parse_dates(self.exception_dates))

    def rule(self):
        """The dateutil rule of the series, starting at ``starts_at`` (local time)."""
        start = timezone.localtime(self.starts_at).replace(tzinfo=None)
        text = self.recurrence.strip()
        if text.upper().startswith("RRULE:"):
            text = text[6:]
        return rrulestr(text, dtstart=start)

    ROOM_PLACE_FIELDS = (
        "street",
        "postcode",
        "town",
        "district_id",
        "latitude",
        "longitude",
    )

    def take_place_from_room(self) -> None:
        """A chosen room supplies the place: its name and address (kept in step on
        every save, so the listing, the mails and the .ics name the room)."""
        if not self.room_id:
            return
        room = self.room
        self.place_name = room.title
        for name in self.ROOM_PLACE_FIELDS:
            setattr(self, name, getattr(room, name))

    @property
    def venue_room(self):
        """The linked room in this page's language, if it is live (else None)."""
        return live_in_locale(self.room, self.locale_id) if self.room_id else None

    def full_clean(self, *args, **kwargs):
        self.take_place_from_room()
        return super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self.take_place_from_room()
        return super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.is_series:
            try:
                rule = self.rule()
                if (
                    rule.after(
                        timezone.localtime(self.starts_at).replace(tzinfo=None),
                        inc=True,
                    )
                    is None
                ):
                    raise ValueError
            except (ValueError, TypeError, AttributeError, OverflowError):
                errors["recurrence"] = _(
                    "This rule gives no dates. Check it, for example "
                    "FREQ=MONTHLY;BYDAY=+3TU."
                )
            if (
                self.series_until
                and self.starts_at
                and self.series_until < timezone.localtime(self.starts_at).date()
            ):
                errors["series_until"] = _("The series must not end before it starts.")
        try:
            parse_dates(self.exception_dates)
        except (ValueError, ValidationError):
            errors["exception_dates"] = _("Enter one date per line as YYYY-MM-DD.")
        if self.latitude is not None or self.longitude is not None:
            errors.update(self.clean_coordinates())
        if errors:
            raise ValidationError(errors)

    # -- presentation ------------------------------------------------------------

    @property
    def source(self) -> MeetingPage:
        """The page whose dates are the rows (the default language's)."""
        if not self.pk:
            return self
        default = default_locale()
        if self.locale_id == default.pk:
            return self
        return (
            MeetingPage.objects.filter(
                translation_key=self.translation_key, locale=default
            ).first()
            or self
        )

    def calendar_page(self) -> MeetingIndexPage | None:
        """The meeting calendar this meeting is published in."""
        return MeetingIndexPage.objects.ancestor_of(self).first()

    @property
    def services(self) -> list[str]:
        items = [str(label) for attr, label in SERVICES if getattr(self, attr)]
        if self.step_free_access:
            items.insert(0, str(_("step-free access")))
        return items

    @property
    def attendance_mode(self) -> str:
        has_place = bool(self.street or self.place_name)
        if has_place and self.online_url:
            return "mixed"
        return "online" if self.online_url and not has_place else "offline"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views.meeting_fragment(self, request))
        return context


class AgendaItem(TranslatableMixin, Orderable):
    """A timed item of the agenda. Translatable: each language version of the
    meeting has its own items, whose titles and notes wagtail-localize translates
    (an item of the source is matched to its translations by ``translation_key``)."""

    page = ParentalKey(
        MeetingPage, related_name="agenda_items", on_delete=models.CASCADE
    )
    time = models.TimeField(_("time"), null=True, blank=True)
    title = models.CharField(_("item"), max_length=200)
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("time"), FieldPanel("title")]),
        FieldPanel("notes"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")


class MeetingDocument(Orderable):
    page = ParentalKey(MeetingPage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
