"""Snippet viewsets: topics (editors) and subscribers (people allowed to see them)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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


class SubscriberViewSet(SnippetViewSet):
    """Read-mostly list; only roles with view_subscriber see it at all."""

    model = Subscriber
    icon = "user"
    menu_label = _("Subscribers")
    list_display = ["email", "status", "language", "confirmed_at"]
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    inspect_view_enabled = True
    copy_view_enabled = False


class NewsletterGroup(SnippetViewSetGroup):
    items = (TopicViewSet, SubscriberViewSet)
    menu_icon = "mail"
    menu_label = _("Newsletter")
    menu_name = "newsletter"
