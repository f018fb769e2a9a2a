"""The clubs' paragraphs of the privacy policy: a club's contact details in the
directory and the accounts of the people who keep its pages up to date."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext

from engagement_hub.core import legal
from engagement_hub.core.conf import hub_settings


def _accounts_retention() -> str:
    cooloff = getattr(settings, "AXES_COOLOFF_TIME", None)
    if cooloff is None:
        return gettext(
            "As long as the person looks after the club's pages; the account "
            "is deleted when the club or the city withdraws the access."
        )
    return gettext(
        "As long as the person looks after the club's pages; the account "
        "is deleted when the club or the city withdraws the access. "
        "Failed sign-ins (account name and IP address) block further "
        "attempts for %(minutes)d minutes."
    ) % {"minutes": int(cooloff.total_seconds() // 60)}


def data_kinds(hub) -> list[legal.DataKind]:
    return [
        legal.DataKind(
            "clubs",
            gettext("Contact details of clubs"),
            gettext(
                "The contact person, email address and phone number a club gives "
                "for its entry in the directory."
            ),
            gettext(
                "To show residents whom to ask, to invite clubs to the regular "
                "meetings, and to ask each club every %(months)d months whether "
                "its entry is still correct."
            )
            % {"months": hub_settings.FRESHNESS_INTERVAL_MONTHS},
            gettext("Art. 6(1)(e) GDPR (performing our public tasks)."),
            gettext(
                "As long as the club is listed in the directory. Records of each "
                "mail sent to the club are deleted after %(deliveries)s; the "
                "link in every reminder stops further reminders."
            )
            % {"deliveries": legal.days(hub_settings.MAIL_DELIVERY_RETENTION)},
        ),
        legal.DataKind(
            "accounts",
            gettext("Accounts of club representatives and editors"),
            gettext(
                "Name, email address, password (stored only as a hash), the "
                "club and the changes made, with their date."
            ),
            gettext("So that clubs can keep their own pages up to date."),
            gettext("Art. 6(1)(b) and (e) GDPR."),
            _accounts_retention(),
        ),
    ]


legal.register_data_kinds("associations", data_kinds, order=50)
