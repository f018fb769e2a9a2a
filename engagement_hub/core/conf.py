"""The plugin's settings, read lazily with their defaults (all prefixed
ENGAGEMENT_HUB_).

Use ``hub_settings.NAME``; each read goes to ``django.conf.settings`` so that
``override_settings`` in tests works.
"""

from datetime import timedelta

from django.conf import settings

DEFAULTS = {
    # Associations not confirmed for longer than this are flagged as possibly outdated.
    "OUTDATED_AFTER": timedelta(days=365),
    # Freshness reminders (associations/freshness.py): a club whose entry was not
    # confirmed for this many months is asked "Is your entry still correct?" (and
    # again every this many months while it does not answer) ...
    "FRESHNESS_INTERVAL_MONTHS": 3,
    # ... a second reminder this many days after the first if nobody answered
    # (0: no second reminder) ...
    "FRESHNESS_SECOND_REMINDER_DAYS": 14,
    # ... and the "Yes, still correct" link of a reminder works this long (once).
    "FRESHNESS_LINK_MAX_AGE": timedelta(days=60),
    # A page not yet translated (wagtail-localize's synchronised copy): "notice"
    # shows it with a notice and lang="de", "hide" keeps it out of that language's
    # listings, menu and search and sends its visitors to the original
    # (core/untranslated.py).
    "UNTRANSLATED_PAGES": "notice",
    # Page size of every listing.
    "PAGE_SIZE": 20,
    # The listings' full text (?q=): dotted path of a function (index_page, query)
    # -> set of the matching entries' pks. The default matches the index page's
    # text_fields with icontains (no index); this project's site uses its search
    # index ("search.listing.listing_matches").
    "LISTING_TEXT_SEARCH": "engagement_hub.core.directory.listing.contains_matches",
    # Page types under which the hub's index pages and standard pages may be created
    # (the site's home page model, e.g. ["home.HomePage"]); None allows any parent.
    "HOME_PAGE_TYPES": None,
    # Reverse proxies in front of the hub that append to X-Forwarded-For (0: none,
    # use REMOTE_ADDR). Rate limits and consent records need the real client.
    "TRUSTED_PROXIES": 0,
    # Check that the Celery broker is reachable at start-up (production turns it on).
    "CHECK_BROKER": False,
    # Anonymous page cache (core/pagecache.py): seconds a public page is served
    # from the cache to visitors without a session (0: off), and the cache alias.
    "PAGE_CACHE_TIMEOUT": 300,
    "PAGE_CACHE_ALIAS": "default",
    # Mailings (engagement_hub.mailings): the email backend the engine sends with
    # (None: EMAIL_BACKEND). Mailgun's anymail backend gets batch sending with
    # merge_data; any other backend gets one message per recipient.
    "MAIL_BACKEND": None,
    # Recipients per ESP call (Mailgun accepts up to 1,000).
    "MAIL_BATCH_SIZE": 200,
    # Attempts per delivery before a transient error becomes a failure.
    "MAIL_MAX_ATTEMPTS": 5,
    # Retry backoff in seconds: base * 2**attempt, capped far below the broker's
    # visibility timeout so a waiting retry is never redelivered twice.
    "MAIL_RETRY_BACKOFF": 30,
    "MAIL_RETRY_BACKOFF_MAX": 900,
    # A delivery claimed longer ago than this is stuck: re-queued if it never reached
    # the ESP, marked "unknown" (never resent automatically) if it might have.
    "MAIL_SENDING_LEASE": timedelta(minutes=10),
    # Queued deliveries older than this are enqueued again by the sweeper.
    "MAIL_QUEUED_STALE_AFTER": timedelta(minutes=5),
    # The outbox: drafts older than this whose start message was lost (broker down)
    # are started by the periodic start_due_mailings job.
    "MAIL_OUTBOX_GRACE": timedelta(seconds=30),
    # Deliveries of unknown fate (a crash between the ESP's accept and our commit)
    # are looked up at the ESP (Mailgun's events API) once they are this old.
    "MAIL_RECONCILE_AFTER": timedelta(minutes=15),
    # Absolute base URL for links in mails (None: the default site's root URL).
    "MAIL_BASE_URL": None,
    # Days an invitation link for a club representative works.
    "INVITATION_VALID_DAYS": 14,
    # Per-recipient delivery rows and webhook payloads are deleted after these.
    "MAIL_DELIVERY_RETENTION": timedelta(days=180),
    "MAIL_WEBHOOK_RETENTION": timedelta(days=30),
    # Signed ESP webhook events older than this are refused as replays (HTTP 406).
    "MAIL_WEBHOOK_MAX_AGE": timedelta(minutes=15),
    # Double opt-in: confirmation links expire, unconfirmed sign-ups are deleted.
    "NEWSLETTER_CONFIRM_MAX_AGE": timedelta(days=7),
    # Version of the consent text shown on the sign-up form, stored with each consent.
    "NEWSLETTER_CONSENT_VERSION": "2025-01",
    # Sign-up attempts per hour for one address and for one client (IP address).
    "NEWSLETTER_SIGNUP_RATE_PER_ADDRESS": 3,
    "NEWSLETTER_SIGNUP_RATE_PER_CLIENT": 20,
    # Room booking requests per hour for one address and for one client.
    "ROOMS_REQUEST_RATE_PER_ADDRESS": 5,
    "ROOMS_REQUEST_RATE_PER_CLIENT": 20,
}


class PluginSettings:
    def __getattr__(self, name: str):
        if name not in DEFAULTS:
            raise AttributeError(f"Unknown Engagement Hub setting {name!r}")
        return getattr(settings, f"ENGAGEMENT_HUB_{name}", DEFAULTS[name])


hub_settings = PluginSettings()
