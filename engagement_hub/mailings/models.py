"""The outbox (mailings and per-recipient deliveries), subscribers with their consent,
suppressions, tracking events, and the newsletter page types.

The engine knows no other domain: producers hand it an audience and a message.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from engagement_hub.core.conf import hub_settings
from engagement_hub.core.slugs import AsciiSlugMixin

from .blocks import NewsletterBodyBlock
from .panels import SendPanel


class Topic(TranslatableMixin, models.Model):
    """What a subscriber wants to hear about; the slug is shared by all translations."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.CharField(_("description"), max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("newsletter topic")
        verbose_name_plural = _("newsletter topics")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="engagement_hub_topic_unique_slug"
            )
        ]

    def __str__(self) -> str:
        return self.name


class SubscriberQuerySet(models.QuerySet):
    def receiving(self, topic_keys=()) -> SubscriberQuerySet:
        """Confirmed subscribers who chose one of ``topic_keys`` (topic translation
        keys) or chose no topic; all confirmed subscribers without ``topic_keys``."""
        rows = self.filter(status=Subscriber.Status.SUBSCRIBED)
        if topic_keys:
            rows = rows.filter(
                models.Q(topics__translation_key__in=list(topic_keys))
                | models.Q(topics__isnull=True)
            ).distinct()
        return rows

    def count_per_language(self) -> dict[str, int]:
        """How many of these subscribers there are per language (one query)."""
        rows = Subscriber.objects.filter(pk__in=self.values("pk"))
        return dict(
            rows.order_by()
            .values_list("language")
            .annotate(n=models.Count("pk"))
            .values_list("language", "n")
        )


class Subscriber(models.Model):
    """A newsletter address. Personal data: exported and erased by privacy.py."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        SUBSCRIBED = "subscribed", _("subscribed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")

    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="de"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="subscribers"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email


class Consent(models.Model):
    """Proof of a double opt-in: what was agreed to, when, where and from where."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="consents"
    )
    text_version = models.CharField(_("consent text version"), max_length=50)
    text = models.TextField(_("consent text"))
    language = models.CharField(_("language"), max_length=10)
    source_url = models.CharField(_("source page"), max_length=500, blank=True)
    # Translation keys of the topics chosen with this request; applied on confirmation.
    topics = models.JSONField(_("topics"), default=list, blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    requested_ip = models.GenericIPAddressField(_("requested from"), null=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_ip = models.GenericIPAddressField(_("confirmed from"), null=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.text_version} ({self.requested_at:%Y-%m-%d})"


class Mailing(models.Model):
    """One message of a registered type to its recipients: a newsletter issue, a
    confirmation, an invitation.

    The recipients are :class:`Delivery` rows, never part of ``context``: either the
    producer's list (rows created by ``send``) or a registered audience (``audience``
    with its non-personal ``audience_params``) expanded in chunks when sending starts.
    The mailing row is the outbox entry: whatever the broker does, the periodic
    ``start_due_mailings`` job starts every mailing that should have started.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("waiting to start")
        SCHEDULED = "scheduled", _("scheduled")
        SENDING = "sending", _("sending")
        DONE = "done", _("done")

    message_type = models.CharField(_("message type"), max_length=100)
    purpose = models.CharField(_("purpose"), max_length=30)
    key = models.CharField(
        _("idempotency key"), max_length=200, unique=True, null=True, blank=True
    )
    template = models.CharField(_("template"), max_length=200)
    # What this mailing is about, for people ("Vereinstreffen – 12.01.2027 18:00"):
    # set once by the message type's ``label`` (or the page's title) at creation.
    label = models.CharField(_("about"), max_length=255, blank=True)
    context = models.JSONField(_("context"), default=dict, blank=True)
    audience = models.CharField(_("audience"), max_length=100, blank=True)
    audience_params = models.JSONField(default=dict, blank=True)
    attachments = models.JSONField(default=list, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    is_test = models.BooleanField(_("test send"), default=False)

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "send_at"])]

    def __str__(self) -> str:
        return self.display_title

    @property
    def type_title(self) -> str:
        """The kind of mail in the active language ("Newsletter issue")."""
        from .messages import type_title

        return str(type_title(self.message_type))

    @property
    def display_title(self) -> str:
        """How the admin names this mailing: the kind of mail and what it is about
        ("Meeting invitation: Vereinstreffen – 12.01.2027 18:00"); a test send says
        so."""
        title = self.type_title
        if self.label:
            title = f"{title}: {self.label}"
        if self.is_test:
            title = _("%(title)s (test)") % {"title": title}
        return str(title)

    @property
    def type(self):
        """The registered :class:`~engagement_hub.mailings.messages.MessageType`."""
        from .messages import get_type

        return get_type(self.message_type)

    def get_purpose_display(self) -> str:
        from .messages import purpose_label

        return str(purpose_label(self.purpose))


class Delivery(models.Model):
    """One message to one recipient: the outbox row and its state machine.

    queued -> sending -> sent | retry_wait | failed | unknown. ``handed_over_at`` is
    set just before the ESP call: a stuck row without it never left, one with it
    might have, so it becomes ``unknown`` and is never resent automatically.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        RETRY_WAIT = "retry_wait", _("waiting to retry")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("not sent (no consent or suppressed)")
        UNKNOWN = "unknown", _("unknown")

    OPEN = (Status.QUEUED, Status.SENDING, Status.RETRY_WAIT)

    mailing = models.ForeignKey(
        Mailing, on_delete=models.CASCADE, related_name="deliveries"
    )
    email = models.EmailField(_("email address"))
    language = models.CharField(_("language"), max_length=10)
    subscriber = models.ForeignKey(
        Subscriber,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    # Who else may stop this mail: a producer's key for the recipient's organisation
    # (e.g. "association:12"); an opt-out of that party for the purpose applies too.
    party = models.CharField(_("party"), max_length=100, blank=True)
    context = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    esp_message_id = models.CharField(_("ESP message id"), max_length=255, blank=True)
    claim = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    handed_over_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    event = models.CharField(_("last event"), max_length=20, blank=True)
    event_at = models.DateTimeField(_("last event at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "email"], name="engagement_hub_delivery_unique"
            )
        ]
        indexes = [
            models.Index(fields=["status", "claimed_at"]),
            models.Index(fields=["esp_message_id"]),
            models.Index(fields=["email"]),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.status})"


class Suppression(models.Model):
    """An address the hub must not mail at all any more (hard bounce, complaint):
    it stops every purpose, transactional mail included."""

    class Reason(models.TextChoices):
        BOUNCED = "bounced", _("bounced")
        COMPLAINED = "complained", _("complained")
        OPTED_OUT = "opted_out", _("opted out of all mail")

    email = models.EmailField(_("email address"), unique=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self) -> str:
        return self.email


class OptOut(models.Model):
    """Consent withdrawn for one purpose (``newsletter``, ``invitation``, ...) by an
    address or by a party (a club: ``association:12``). Transactional mail ignores it;
    ``purpose="*"`` stops every purpose that can be stopped."""

    ALL = "*"

    key = models.CharField(_("address or party"), max_length=254)
    purpose = models.CharField(_("purpose"), max_length=30)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("opt-out")
        verbose_name_plural = _("opt-outs")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "purpose"], name="engagement_hub_optout_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.purpose}"


class RejectedWebhook(models.Model):
    """A webhook request that could not be read, kept for inspection (and erased
    with the address it mentions, deleted after MAIL_WEBHOOK_RETENTION)."""

    esp_name = models.CharField(max_length=50)
    received_at = models.DateTimeField(auto_now_add=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.TextField(blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("rejected webhook")
        verbose_name_plural = _("rejected webhooks")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.esp_name} {self.received_at:%Y-%m-%d %H:%M}"


class TrackingEvent(models.Model):
    """A webhook event from the ESP, stored once per event id, processed by a task."""

    esp_name = models.CharField(max_length=50)
    event_id = models.CharField(max_length=255)
    event_type = models.CharField(max_length=30)
    recipient = models.EmailField(blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    delivery_id = models.BigIntegerField(null=True, blank=True)
    occurred_at = models.DateTimeField(null=True, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tracking event")
        verbose_name_plural = _("tracking events")
        constraints = [
            models.UniqueConstraint(
                fields=["esp_name", "event_id"], name="engagement_hub_event_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id}"


def _home_parents() -> list[str] | None:
    return hub_settings.HOME_PAGE_TYPES or None


class NewsletterIndexPage(AsciiSlugMixin, Page):
    """The newsletter's home: sign-up form and the archive of sent issues."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = _home_parents()
    subpage_types = ["engagement_hub_mailings.NewsletterPage"]
    template = "engagement_hub/mailings/newsletter_index_page.html"

    class Meta:
        verbose_name = _("newsletter index page")
        verbose_name_plural = _("newsletter index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issues"] = (
            NewsletterPage.objects.child_of(self).live().order_by("-first_published_at")
        )
        return context


class NewsletterPage(AsciiSlugMixin, Page):
    """One issue. Editors compose it here; the send view mails it to subscribers."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(NewsletterBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        SendPanel(),
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["engagement_hub_mailings.NewsletterIndexPage"]
    subpage_types: list[str] = []
    template = "engagement_hub/mailings/newsletter_page.html"
    preview_modes = [("", _("Web page")), ("email", _("Email"))]

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The body's block templates serve the web page and the mail; on the web,
        # links stay relative.
        context["base_url"] = ""
        return context

    def recipient_counts(self, topic_keys=()) -> dict[str, int]:
        """Per language, the confirmed subscribers this issue reaches when it is
        sent to ``topic_keys`` (to everyone without)."""
        return Subscriber.objects.receiving(topic_keys).count_per_language()

    def serve_preview(self, request, mode_name):
        if mode_name == "email":
            from django.http import HttpResponse

            from .rendering import preview_html

            language = self.locale.language_code
            return HttpResponse(preview_html(self.preview_mailing(), language))
        return super().serve_preview(request, mode_name)

    def preview_mailing(self) -> Mailing:
        """An unsaved mailing of this issue, as the e-mail preview renders it."""
        from .mail import NEWSLETTER_ISSUE

        return Mailing(
            message_type=NEWSLETTER_ISSUE.name,
            purpose=NEWSLETTER_ISSUE.purpose,
            template=NEWSLETTER_ISSUE.template,
            page=self,
        )
