"""The newsletter issue's editor: a panel at the top with the number of
recipients and "Send newsletter" as a visible button (Wagtail puts header buttons
in a menu)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

SEND_PERMISSION = "engagement_hub_mailings.add_mailing"


class SendPanel(Panel):
    """Shown to who may send, on an issue that exists (not on "add"). It asks the
    issue it is bound to for its recipients, so it imports no model."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Sending"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "engagement_hub/mailings/admin/send_panel.html"

        def is_shown(self) -> bool:
            user = getattr(self.request, "user", None)
            return bool(
                self.instance.pk and user is not None and user.has_perm(SEND_PERMISSION)
            )

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["send_url"] = reverse(
                "engagement_hub_mailings_admin:send", args=[self.instance.pk]
            )
            context["recipients"] = sum(self.instance.recipient_counts().values())
            context["live"] = self.instance.live
            return context
