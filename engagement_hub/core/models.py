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
from wagtail.models import Page, Site, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from . import brand
from .blocks import BodyBlock
from .conf import hub_settings
from .directory.vocabulary import LANGUAGE_CHOICES, MAX_AGE
from .slugs import AsciiSlugMixin


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


class Language(models.Model):
    """A language people can use at an entry; the rows are fixed (migration)."""

    code = models.CharField(
        _("code"), max_length=10, unique=True, choices=LANGUAGE_CHOICES
    )

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.get_code_display())


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
    # -- the look ----------------------------------------------------------------
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo or coat of arms"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the header next to the name, about 48 pixels high."),
    )
    brand_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        default=brand.DEFAULT_PRIMARY,
        validators=[brand.hex_colour],
        help_text=_(
            "Header, links and buttons, e.g. #004f7c. It must reach a contrast of "
            "4.5:1 against white (WCAG AA); the text colour on it is chosen "
            "automatically."
        ),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default=brand.DEFAULT_ACCENT,
        validators=[brand.hex_colour],
        help_text=_("Notices and highlights; the same contrast rule applies."),
    )
    # -- imprint (§ 5 DDG) -----------------------------------------------------------
    represented_by = models.CharField(
        _("represented by"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the mayor: Bürgermeister Max Mustermann."),
    )
    legal_form = models.CharField(
        _("legal form"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Körperschaft des öffentlichen Rechts."),
    )
    vat_id = models.CharField(_("VAT identification number"), max_length=30, blank=True)
    supervisory_authority = models.CharField(
        _("supervisory authority"),
        max_length=300,
        blank=True,
        help_text=_("E.g. the district's municipal supervision (Kommunalaufsicht)."),
    )
    responsible_for_content = models.CharField(
        _("responsible for the content"),
        max_length=300,
        blank=True,
        help_text=_("Name and address of the person responsible (§ 18 MStV)."),
    )
    # -- privacy policy ----------------------------------------------------------
    data_protection_officer = models.TextField(
        _("data protection officer"),
        blank=True,
        help_text=_("Name or office and how to reach them."),
    )
    data_protection_authority = models.TextField(
        _("data protection supervisory authority"),
        blank=True,
        default=(
            "Der Landesbeauftragte für Datenschutz und Informationsfreiheit "
            "Mecklenburg-Vorpommern, Werderstraße 74a, 19055 Schwerin"
        ),
    )
    server_log_days = models.PositiveSmallIntegerField(
        _("server logs kept (days)"),
        default=7,
        validators=[MaxValueValidator(365)],
        help_text=_("How long the web server keeps its access logs."),
    )
    # -- accessibility statement (BITV 2.0) ----------------------------------------
    ACCESSIBILITY_FULL = "full"
    ACCESSIBILITY_PARTIAL = "partial"
    ACCESSIBILITY_NONE = "none"
    accessibility_status = models.CharField(
        _("conformity status"),
        max_length=10,
        choices=[
            (ACCESSIBILITY_FULL, _("fully compliant")),
            (ACCESSIBILITY_PARTIAL, _("partially compliant")),
            (ACCESSIBILITY_NONE, _("not compliant")),
        ],
        default=ACCESSIBILITY_PARTIAL,
    )
    accessibility_gaps = models.TextField(
        _("known gaps"),
        blank=True,
        help_text=_("One per line: what is not accessible, why, and the alternative."),
    )
    accessibility_checked_on = models.DateField(
        _("accessibility last checked on"), null=True, blank=True
    )
    accessibility_method = models.CharField(
        _("how it was checked"),
        max_length=300,
        blank=True,
        help_text=_("E.g. a self-assessment, or a BITV test by an outside tester."),
    )
    enforcement_body = models.TextField(
        _("enforcement body"),
        blank=True,
        default=(
            "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz "
            "bei dem Beauftragten der Bundesregierung für die Belange von "
            "Menschen mit Behinderungen, Mauerstraße 53, 10117 Berlin"
        ),
        help_text=_("Name and address of the enforcement body of your state."),
    )
    enforcement_body_url = models.URLField(
        _("enforcement body web address"),
        blank=True,
        default="https://www.schlichtungsstelle-bgg.de",
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
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("brand_colour"),
                FieldPanel("accent_colour"),
            ],
            heading=_("Look"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("represented_by"),
                FieldPanel("legal_form"),
                FieldPanel("vat_id"),
                FieldPanel("supervisory_authority"),
                FieldPanel("responsible_for_content"),
            ],
            heading=_("Imprint"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("data_protection_officer"),
                FieldPanel("data_protection_authority"),
                FieldPanel("server_log_days"),
            ],
            heading=_("Privacy policy"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_status"),
                FieldPanel("accessibility_gaps"),
                FieldPanel("accessibility_checked_on"),
                FieldPanel("accessibility_method"),
                FieldPanel("enforcement_body"),
                FieldPanel("enforcement_body_url"),
            ],
            heading=_("Accessibility statement"),
        ),
    ]

    class Meta:
        verbose_name = _("hub settings")
        permissions = [
            ("manage_personal_data", _("Can export and erase personal data")),
        ]

    def clean(self) -> None:
        super().clean()
        errors = {}
        for field in ("brand_colour", "accent_colour"):
            value = getattr(self, field)
            if not brand.HEX.match(value or ""):
                continue  # the field's own validator says so
            try:
                brand.check_brand_colour(
                    value, label=self._meta.get_field(field).verbose_name
                )
            except ValidationError as error:
                errors[field] = error
        if errors:
            raise ValidationError(errors)

    @property
    def brand_css_version(self) -> str:
        return f"{self.brand_colour}{self.accent_colour}".replace("#", "")

    @property
    def known_gaps(self) -> list[str]:
        lines = self.accessibility_gaps.splitlines()
        return [line.strip() for line in lines if line.strip()]

    @classmethod
    def for_request(cls, request):
        """Wagtail's, read from the frame cache (``chrome_cache``: renewed when these
        settings are saved and when a page of the frame changes): the frame of
        every page needs them, and this saves its query."""
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        from .chrome_cache import cached

        instance = cached("hubsettings", (site.pk,), lambda: cls.for_site(site))
        instance._request = request
        setattr(request, attr_name, instance)
        return instance

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


class StandardPage(AsciiSlugMixin, Page):
    """A page of prose: imprint, privacy policy, accessibility statement, about."""

    LEGAL_IMPRINT = "imprint"
    LEGAL_PRIVACY = "privacy"
    LEGAL_ACCESSIBILITY = "accessibility"

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    legal_template = models.CharField(
        _("generated legal text"),
        max_length=20,
        blank=True,
        choices=[
            (LEGAL_IMPRINT, _("imprint (§ 5 DDG)")),
            (LEGAL_PRIVACY, _("privacy policy")),
            (LEGAL_ACCESSIBILITY, _("accessibility statement (BITV 2.0)")),
        ],
        help_text=_(
            "Shows a template built from the hub settings and from what the hub "
            "stores, below the introduction and above the body. It is a template: "
            "have it checked before you publish."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("legal_template"),
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
    override_translatable_fields = [SynchronizedField("legal_template")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.legal_template:
            from .legal import data_kinds

            hub = HubSettings.for_request(request)
            context["hub"] = hub
            context["legal_include"] = (
                f"engagement_hub/core/legal/{self.legal_template}.html"
            )
            if self.legal_template == self.LEGAL_PRIVACY:
                context["data_kinds"] = data_kinds(hub)
        return context

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
