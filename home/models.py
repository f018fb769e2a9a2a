from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from engagement_hub.core.routing import HintedChildRouteMixin
from engagement_hub.core.slugs import AsciiSlugMixin

from .blocks import HomeBodyBlock


class HomePage(HintedChildRouteMixin, AsciiSlugMixin, Page):
    """The landing page of one language's tree (its children are loaded as their
    specific type in one query: ``HintedChildRouteMixin``)."""

    body = StreamField(HomeBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")
