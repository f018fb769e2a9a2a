"""StreamField blocks of a newsletter issue; they render on the web and in mail."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "engagement_hub/mailings/blocks/image.html"


class FeaturedPagesBlock(blocks.StructBlock):
    """Pages to point at: offers, associations, meetings (any page type)."""

    heading = blocks.CharBlock(label=_("heading"), required=False)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), label=_("pages"))

    class Meta:
        icon = "doc-full"
        label = _("Featured pages")
        template = "engagement_hub/mailings/blocks/featured_pages.html"


class NewsletterBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        icon="title",
        template="engagement_hub/mailings/blocks/heading.html",
    )
    text = blocks.RichTextBlock(
        label=_("Text"), features=["bold", "italic", "link", "ol", "ul"]
    )
    image = ImageBlock()
    featured_pages = FeaturedPagesBlock()
