from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from engagement_hub.core.sitemaps import HubSitemap
from engagement_hub.core.views import brand_css, favicon_svg, health

urlpatterns = [
    # The hub's replacements of Wagtail admin views first (core/admin_urls.py).
    path("admin/", include("engagement_hub.core.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("health/", health, name="health"),
    path("brand.css", brand_css, name="hub_brand_css"),
    path("favicon.svg", favicon_svg, name="hub_favicon_svg"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": HubSitemap}}),
    path("i18n/", include("django.conf.urls.i18n")),
    # The configured ESP's tracking webhook only (django-anymail; basic auth with
    # ANYMAIL_WEBHOOK_SECRET, closed without it).
    path("anymail/", include("engagement_hub.mailings.webhook_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include("search.urls")),
    path("", include("engagement_hub.mailings.urls")),
    path("", include("engagement_hub.associations.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
