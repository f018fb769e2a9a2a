"""Shared vocabulary of the hub: taxonomy snippets, site settings and the standard
page."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .blocks import BodyBlock
from .conf import hub_settings
from .directory.models import MAX_AGE, Language  # noqa: F401 (registers Language)


def no_line_breaks(value: str) -> None:
    """Mail headers (the sender's name) cannot contain line breaks."""
    if "\n" in value or "\r" in value:
        raise ValidationError(_("Enter a single line without line breaks."))


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    """A translatable term; the slug is shared by all translations of a term."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_("Used in filter addresses; the same in every language."),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Category(TaxonomyTerm):
    """What an association or offer is about: sport, culture, social, environment,
    ..."""

    description = models.TextField(_("description"), blank=True)

    translatable_fields = [
        *TaxonomyTerm.translatable_fields,
        TranslatableField("description"),
    ]
    panels = [*TaxonomyTerm.panels, FieldPanel("description")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="engagement_hub_category_unique_slug"
            )
        ]


class TargetGroup(TaxonomyTerm):
    """Who something is for (children, youth, seniors, families, ...), with an age
    range."""

    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)]
    )

    translatable_fields = [
        *TaxonomyTerm.translatable_fields,
        SynchronizedField("min_age"),
        SynchronizedField("max_age"),
    ]
    panels = [
        *TaxonomyTerm.panels,
        MultiFieldPanel(
            [FieldPanel("min_age"), FieldPanel("max_age")], heading=_("Ages")
        ),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="engagement_hub_targetgroup_unique_slug"
            )
        ]

    def clean(self) -> None:
        super().clean()
        if (
            self.min_age is not None
            and self.max_age is not None
            and self.min_age > self.max_age
        ):
            raise ValidationError(
                {"max_age": _("The maximum age must not be below the minimum age.")}
            )


class District(TaxonomyTerm):
    """A part of the town (Ortsteil), used to find things nearby."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="engagement_hub_district_unique_slug"
            )
        ]


@register_setting(icon="site")
class HubSettings(BaseSiteSetting):
    """Contact, legal pages and newsletter sender of one site."""

    organisation_name = models.CharField(
        _("organisation"),
        max_length=200,
        default="Stadt Ludwigslust",
        validators=[no_line_breaks],
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("imprint page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    newsletter_sender_name = models.CharField(
        _("newsletter sender name"),
        max_length=100,
        blank=True,
        validators=[no_line_breaks],
    )
    newsletter_sender_email = models.EmailField(
        _("newsletter sender email"), blank=True
    )
    newsletter_reply_to = models.EmailField(
        _("newsletter reply-to address"), blank=True
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("postal_address"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("imprint_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
            ],
            heading=_("Legal pages"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("newsletter_sender_name"),
                FieldPanel("newsletter_sender_email"),
                FieldPanel("newsletter_reply_to"),
            ],
            heading=_("Newsletter"),
        ),
    ]

    class Meta:
        verbose_name = _("hub settings")
        permissions = [
            ("manage_personal_data", _("Can export and erase personal data")),
        ]

    def legal_links(self) -> list[Page]:
        """The live legal pages in the active language (else as chosen), in footer
        order; cached until a page or these settings change."""
        from .chrome_cache import cached

        return cached("legal", (self.pk, translation.get_language()), self._legal_links)

    def _legal_links(self) -> list[Page]:
        """One query whatever the number of pages and languages."""
        ids = [
            page_id
            for page_id in (
                self.imprint_page_id,
                self.privacy_page_id,
                self.accessibility_page_id,
            )
            if page_id is not None
        ]
        if not ids:
            return []
        keys = Page.objects.filter(pk__in=ids).values("translation_key")
        candidates = Page.objects.live().filter(
            models.Q(pk__in=ids)
            | models.Q(
                translation_key__in=keys,
                locale__language_code=translation.get_language(),
            )
        )
        chosen = {page.pk: page for page in candidates if page.pk in ids}
        localized = {
            page.translation_key: page for page in candidates if page.pk not in ids
        }
        links = []
        for page_id in ids:
            page = chosen.get(page_id)
            if page is not None:
                links.append(localized.get(page.translation_key, page))
        return links


class StandardPage(Page):
    """A page of prose: imprint, privacy policy, accessibility statement, about."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    parent_page_types = (
        [*hub_settings.HOME_PAGE_TYPES, "engagement_hub_core.StandardPage"]
        if hub_settings.HOME_PAGE_TYPES
        else None
    )
    subpage_types = ["engagement_hub_core.StandardPage"]
    template = "engagement_hub/core/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class WorkerHeartbeat(models.Model):
    """When a Celery worker last ran the heartbeat task; shown by the health
    endpoint."""

    name = models.CharField(max_length=50, unique=True)
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = _("worker heartbeat")

    def __str__(self) -> str:
        return f"{self.name}: {self.seen_at:%Y-%m-%d %H:%M:%S}"
