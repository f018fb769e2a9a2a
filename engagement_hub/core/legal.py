"""What the generated legal pages say: the kinds of personal data the hub keeps, with
their purpose, legal basis and retention read from the settings in force, for the
apps that are installed. A template the town must check, not legal advice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class DataKind:
    key: str
    title: str
    data: str
    purpose: str
    basis: str
    retention: str


def days(value: timedelta | int) -> str:
    count = value.days if isinstance(value, timedelta) else int(value)
    return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}


def _installed(label: str) -> bool:
    return apps.is_installed(f"engagement_hub.{label}")


def data_kinds(hub) -> list[DataKind]:
    """Every kind of personal data this installation keeps, in the active language."""
    from .conf import hub_settings

    kinds = [
        DataKind(
            "server_logs",
            _("Server logs"),
            _(
                "Your IP address, the date and time, the address of the page and "
                "your browser's name, as every web server records them."
            ),
            _("To run the website securely and find faults."),
            _("Art. 6(1)(e) GDPR (performing our public tasks)."),
            _("Deleted after %(period)s.") % {"period": days(hub.server_log_days)},
        )
    ]
    if _installed("mailings"):
        confirm = days(hub_settings.NEWSLETTER_CONFIRM_MAX_AGE)
        kinds.append(
            DataKind(
                "newsletter",
                _("Newsletter subscription and consent"),
                _(
                    "Your email address, language and topics, when you signed up "
                    "and confirmed, and the wording of the consent you gave."
                ),
                _(
                    "To send you the newsletter you asked for and to prove your "
                    "consent."
                ),
                _(
                    "Art. 6(1)(a) GDPR (your consent, which you can withdraw at any "
                    "time)."
                ),
                _(
                    "Until you unsubscribe (a link in every newsletter). Sign-ups "
                    "that are not confirmed are deleted after %(confirm)s; records "
                    "of each mail sent to you after %(deliveries)s; the delivery "
                    "reports of our mail service after %(webhooks)s."
                )
                % {
                    "confirm": confirm,
                    "deliveries": days(hub_settings.MAIL_DELIVERY_RETENTION),
                    "webhooks": days(hub_settings.MAIL_WEBHOOK_RETENTION),
                },
            )
        )
    if _installed("meetings"):
        from engagement_hub.meetings.conf import meeting_setting

        kinds.append(
            DataKind(
                "meetings",
                _("Registrations for meetings and events"),
                _("Your name, email address, the number of people and your answer."),
                _("To plan the meeting and to remind you of it."),
                _("Art. 6(1)(a) GDPR (your consent)."),
                _("Deleted %(period)s after the date; only the numbers stay.")
                % {"period": days(meeting_setting("RETENTION"))},
            )
        )
    if _installed("rooms"):
        from engagement_hub.rooms.models import RETENTION_DAYS

        kinds.append(
            DataKind(
                "rooms",
                _("Room booking requests"),
                _(
                    "Your name, email address, phone number if given, your club, "
                    "the dates and what the room is for."
                ),
                _("To decide on your request and to tell you the answer."),
                _("Art. 6(1)(b) and (e) GDPR (the use of a public room)."),
                _(
                    "Your details are deleted %(period)s after the last date; the "
                    "dates stay without them."
                )
                % {"period": days(RETENTION_DAYS)},
            )
        )
    if _installed("funding"):
        kinds.append(
            DataKind(
                "funding",
                _("Reminders of funding deadlines"),
                _("Your email address and the programmes or areas you follow."),
                _("To remind you of deadlines and new programmes."),
                _("Art. 6(1)(a) GDPR (your consent)."),
                _(
                    "Until you cancel the reminder. Requests that are not confirmed "
                    "are deleted after %(confirm)s."
                )
                % {"confirm": days(hub_settings.NEWSLETTER_CONFIRM_MAX_AGE)},
            )
        )
    if _installed("associations"):
        kinds.append(
            DataKind(
                "clubs",
                _("Contact details of clubs"),
                _(
                    "The contact person, email address and phone number a club gives "
                    "for its entry in the directory."
                ),
                _(
                    "To show residents whom to ask, to invite clubs to the regular "
                    "meetings, and to ask each club every %(months)d months whether "
                    "its entry is still correct."
                )
                % {"months": hub_settings.FRESHNESS_INTERVAL_MONTHS},
                _("Art. 6(1)(e) GDPR (performing our public tasks)."),
                _(
                    "As long as the club is listed in the directory. Records of each "
                    "mail sent to the club are deleted after %(deliveries)s; the "
                    "link in every reminder stops further reminders."
                )
                % {"deliveries": days(hub_settings.MAIL_DELIVERY_RETENTION)},
            )
        )
        kinds.append(
            DataKind(
                "accounts",
                _("Accounts of club representatives and editors"),
                _(
                    "Name, email address, password (stored only as a hash), the "
                    "club and the changes made, with their date."
                ),
                _("So that clubs can keep their own pages up to date."),
                _("Art. 6(1)(b) and (e) GDPR."),
                _(
                    "As long as the person looks after the club's pages; the account "
                    "is deleted when the club or the city withdraws the access. "
                    "Failed sign-ins (account name and IP address) block further "
                    "attempts for %(minutes)d minutes."
                )
                % {"minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)}
                if hasattr(settings, "AXES_COOLOFF_TIME")
                else _(
                    "As long as the person looks after the club's pages; the account "
                    "is deleted when the club or the city withdraws the access."
                ),
            )
        )
    return kinds
