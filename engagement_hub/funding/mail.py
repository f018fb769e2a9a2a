"""Message types of the funding guides (registered with the mail API)."""

from django.utils.translation import gettext_lazy as _

from engagement_hub.mailings.api import (
    REMINDER,
    TRANSACTIONAL,
    MessageType,
    Purpose,
    register,
    register_purpose,
)

FUNDING_ALERTS = register_purpose(Purpose("funding_alerts", _("funding alerts")))

ALERT_CONFIRMATION = register(
    MessageType(
        name="funding.alert_confirmation",
        title=_("Confirmation of funding reminders"),
        template="engagement_hub/funding/email/confirmation",
        purpose=TRANSACTIONAL,
        reason=_(
            "You get this email because someone entered your address to get funding "
            "reminders. If that was not you, ignore it: without your confirmation you "
            "get nothing."
        ),
    )
)

DEADLINE_REMINDER = register(
    MessageType(
        name="funding.deadline_reminder",
        title=_("Funding deadline reminder"),
        template="engagement_hub/funding/email/reminder",
        purpose=FUNDING_ALERTS.key,
        reason=_("You get this because you asked for reminders of funding deadlines."),
    )
)

NEW_GUIDE = register(
    MessageType(
        name="funding.new_guide",
        title=_("New funding guide"),
        template="engagement_hub/funding/email/new_guide",
        purpose=FUNDING_ALERTS.key,
        reason=_(
            "You get this because you asked to hear about new funding "
            "guides in this area."
        ),
    )
)

CHECK_DUE = register(
    MessageType(
        name="funding.check_due",
        title=_("Funding guide due for a check"),
        template="engagement_hub/funding/email/check_due",
        purpose=REMINDER,
        reason=_("You get this because you are the owner of this funding guide."),
    )
)
