"""The home page's "next dates" block: the next public meeting dates, live."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class NextMeetingsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    count = blocks.IntegerBlock(
        label=_("Number of dates"), default=4, min_value=1, max_value=12
    )

    class Meta:
        icon = "date"
        label = _("Next meeting dates")
        template = "engagement_hub/meetings/blocks/next_meetings.html"

    def get_context(self, value, parent_context=None):
        from django.utils import timezone

        from .models import MeetingIndexPage
        from .views import _decorate, public_occurrences

        context = super().get_context(value, parent_context=parent_context)
        rows = (
            public_occurrences(light=True)
            .filter(starts_at__gte=timezone.now())
            .exclude(status="cancelled")
            .order_by("starts_at")[: value["count"]]
        )
        context["items"] = _decorate(rows, light=True)
        index = MeetingIndexPage.objects.live().first()
        context["index"] = index.localized if index else None
        return context
