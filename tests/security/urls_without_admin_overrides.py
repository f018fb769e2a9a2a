"""A project's URLs that mount Wagtail's admin without the hub's replacements."""

from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [path("admin/", include(wagtailadmin_urls))]
