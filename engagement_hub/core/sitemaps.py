"""The sitemap of a multilingual site: every language tree, not only the one of the
language that happens to be active when /sitemap.xml is requested."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from engagement_hub.core.untranslated import without_untranslated


class HubSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        in_a_tree = Q(pk=root.pk) | Q(path__startswith=root.path)
        for translated_root in roots.only("path"):
            in_a_tree |= Q(path__startswith=translated_root.path)
        return (
            without_untranslated(Page.objects.filter(in_a_tree))
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
