"""Admin viewsets: topics (a snippet editors translate) and subscribers.

Subscribers are personal data and therefore never a snippet: wagtail-localize's
snippet API (``/admin/localize/api/snippets/<app>/<model>/``) lists every snippet
to every admin user, a club representative included. A ModelViewSet with Django's
model permissions (``view_subscriber``, ``change_subscriber``, ...) serves them to
the roles allowed to see them, and nothing else lists them.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Subscriber, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug", "sort_order"]


class SubscriberFilterSet(WagtailFilterSet):
    class Meta:
        model = Subscriber
        fields = ["status", "language"]


class SubscriberViewSet(ModelViewSet):
    """Read-mostly list; only roles with view_subscriber see it at all."""

    model = Subscriber
    icon = "user"
    menu_label = _("Subscribers")
    url_prefix = "newsletter/subscribers"
    name = "newsletter_subscribers"
    list_display = ["email", "status", "language", "confirmed_at"]
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    form_fields = ["language", "topics"]
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False


class NewsletterGroup(ViewSetGroup):
    items = (TopicViewSet, SubscriberViewSet)
    menu_icon = "mail"
    menu_label = _("Newsletter")
    menu_name = "newsletter"
