"""Blocks of the home page; later domains add their own featured/upcoming blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from engagement_hub.core.blocks import RICH_TEXT_FEATURES, BodyBlock


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


class HomeBodyBlock(BodyBlock):
    intro = IntroBlock()
    featured_pages = FeaturedPagesBlock()
    upcoming_dates = UpcomingDatesBlock()
    newsletter_signup = NewsletterSignupBlock()
