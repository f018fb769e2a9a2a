"""Generation token of the cached room pages and finder results
(``core.render_cache``).

``BOOKINGS`` is renewed by every change of a booking or a booking request (signals
for saves and deletions; the bulk writes in ``services.py`` call
``bookings_changed`` themselves), so a room's calendar and the "free at" filter of
the finder never show a time as free that was just requested or approved.
Publishing a room renews its index page's token (directory engine) and changes
its live revision, both part of the keys; the finder's facts of the room (bookable
hours, closures, booking window; ``availability.load_facts``) are cached under its
live revision and computed when it is published. Bookable hours or closures
changed by themselves (not by saving the room) renew ``BOOKINGS`` and drop the
room's facts. The cached room page holds the logo's and the photo's renditions:
any image saved or deleted renews the ``pages`` token (``core.chrome_cache``).

The receivers are connected in ``signals``.
"""

from __future__ import annotations

from engagement_hub.core.directory import cache as tokens

BOOKINGS = "rooms:bookings"
# The whole room page (frame included) shows the site's logo and the room's photo.


def bookings_changed(*_args, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    tokens.renew_on_commit(BOOKINGS)


def operator_token() -> str:
    return tokens.model_token_name("engagement_hub_rooms.operator")


def operator_changed(*_args, **kwargs) -> None:
    if not kwargs.get("raw"):
        tokens.renew_on_commit(operator_token())
