"""Blocks of the home page; later domains add their own featured/upcoming blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from engagement_hub.core.blocks import RICH_TEXT_FEATURES, BodyBlock
from engagement_hub.core.untranslated import without_untranslated
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
    pages = without_untranslated(model.objects.live().public().filter(locale=locale))
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


class EntryPointBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=80)
    text = blocks.CharBlock(label=_("Short text"), max_length=160, required=False)
    page = blocks.PageChooserBlock(label=_("Page"))
    query = blocks.CharBlock(
        label=_("Filters"),
        max_length=300,
        required=False,
        help_text=_(
            "For a directory: the filters of its address after the question mark, "
            "e.g. target_group=kinder&cost=free. The home page shows how many "
            "entries match."
        ),
    )


class EntryPointsBlock(blocks.StructBlock):
    """Ways in by life situation ("for children and families", "new in town",
    "find a room"), each a link into a directory with its filters and a count."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    items = blocks.ListBlock(EntryPointBlock(), label=_("Entry points"))

    class Meta:
        icon = "list-ul"
        label = _("Entry points by life situation")
        template = "home/blocks/entry_points.html"

    def get_context(self, value, parent_context=None):
        from wagtail.models import Locale

        from engagement_hub.core.directory.listing import count_results
        from engagement_hub.core.directory.models import DirectoryIndexPage
        from engagement_hub.core.templatetags.hub_tags import (
            icon_for_model,
            icon_for_query,
        )

        context = super().get_context(value, parent_context=parent_context)
        chosen = [item["page"] for item in value["items"]]
        localized = {
            page.translation_key: page
            for page in _live_in_active_locale_pages(chosen, Locale.get_active())
        }
        entries = []
        for item in value["items"]:
            page = item["page"] and localized.get(item["page"].translation_key)
            if page is None:
                continue
            query = (item["query"] or "").strip().lstrip("?")
            count = None
            if isinstance(page, DirectoryIndexPage):
                count = count_results(page, query)
            url = page.url + (f"?{query}" if query else "")
            entries.append(
                {
                    "icon": icon_for_query(query) or icon_for_model(page),
                    "label": item["label"],
                    "text": item["text"],
                    "url": url,
                    "count": count,
                }
            )
        context["entries"] = entries
        return context


def _live_in_active_locale_pages(pages: list, locale) -> list:
    """The live, public pages in ``locale`` of the given pages (one query)."""
    from wagtail.models import Page

    keys = [page.translation_key for page in pages if page is not None]
    return list(
        without_untranslated(
            Page.objects.live().public().filter(locale=locale, translation_key__in=keys)
        ).specific()
    )


class HomeBodyBlock(BodyBlock):
    entry_points = EntryPointsBlock()
    intro = IntroBlock()
    featured_pages = FeaturedPagesBlock()
    upcoming_dates = UpcomingDatesBlock()
    newsletter_signup = NewsletterSignupBlock()
    featured_offers = FeaturedOffersBlock()
    newest_associations = NewestAssociationsBlock()
    next_meetings = NextMeetingsBlock()
