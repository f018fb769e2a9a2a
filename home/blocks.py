"""Blocks of the home page; later domains add their own featured/upcoming blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from engagement_hub.core.blocks import RICH_TEXT_FEATURES, BodyBlock
from engagement_hub.meetings.blocks import NextMeetingsBlock


class IntroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        label = _("Introduction")
        template = "home/blocks/intro.html"


class FeaturedPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    pages = blocks.ListBlock(blocks.PageChooserBlock(label=_("Page")), label=_("Pages"))

    class Meta:
        icon = "pick"
        label = _("Featured pages")
        template = "home/blocks/featured_pages.html"


class DateBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"))
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)


class UpcomingDatesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    dates = blocks.ListBlock(DateBlock(), label=_("Dates"))

    class Meta:
        icon = "date"
        label = _("Upcoming dates")
        template = "home/blocks/upcoming_dates.html"


class NewsletterSignupBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)

    class Meta:
        icon = "mail"
        label = _("Newsletter sign-up")
        template = "home/blocks/newsletter_signup.html"


def _live_in_active_locale(model, count: int, chosen: list | None = None) -> list:
    """Live, public pages of ``model`` in the active language: the ``chosen`` ones
    (localized in one query, in the editor's order) or else the newest ``count``."""
    from wagtail.models import Locale

    locale = Locale.get_active()
    pages = model.objects.live().public().filter(locale=locale)
    chosen = [page for page in (chosen or []) if page is not None]
    if chosen:
        keys = [page.translation_key for page in chosen]
        found = {
            page.translation_key: page
            for page in pages.filter(translation_key__in=keys)
        }
        return [found[key] for key in keys if key in found]
    return list(pages.order_by("-first_published_at", "-pk")[:count])


class FeaturedOffersBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    offers = blocks.ListBlock(
        blocks.PageChooserBlock(
            label=_("Offer"), page_type="engagement_hub_offers.OfferPage"
        ),
        label=_("Offers"),
        required=False,
        help_text=_("Leave empty to show the newest offers."),
    )
    count = blocks.IntegerBlock(
        label=_("Number of newest offers"), default=3, min_value=1, max_value=12
    )

    class Meta:
        icon = "pick"
        label = _("Featured offers")
        template = "home/blocks/featured_offers.html"

    def get_context(self, value, parent_context=None):
        from engagement_hub.offers.models import OfferPage

        context = super().get_context(value, parent_context=parent_context)
        context["items"] = _live_in_active_locale(
            OfferPage, value["count"], list(value["offers"])
        )
        return context


class NewestAssociationsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    count = blocks.IntegerBlock(
        label=_("Number of associations"), default=3, min_value=1, max_value=12
    )

    class Meta:
        icon = "group"
        label = _("Newest associations")
        template = "home/blocks/newest_associations.html"

    def get_context(self, value, parent_context=None):
        from engagement_hub.associations.models import AssociationPage

        context = super().get_context(value, parent_context=parent_context)
        context["items"] = _live_in_active_locale(AssociationPage, value["count"])
        return context


class HomeBodyBlock(BodyBlock):
    intro = IntroBlock()
    featured_pages = FeaturedPagesBlock()
    upcoming_dates = UpcomingDatesBlock()
    newsletter_signup = NewsletterSignupBlock()
    featured_offers = FeaturedOffersBlock()
    newest_associations = NewestAssociationsBlock()
    next_meetings = NextMeetingsBlock()
