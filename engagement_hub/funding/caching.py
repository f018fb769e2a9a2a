"""Generation tokens of the cached funding pages.

Guides are not directory entries (no place, image or slots), so the directory
engine's receivers skip them; these do the same for them. Publishing a guide patches
it into its index's cached facet index under a new index token
(``core.directory.listing.patch_index``): the listing, the finder, the deadline
calendar and the iCal feed, all cached under that token, show it at once, and the
frame of every other page stays cached (``shown_in_frame``). Unpublishing, moving or
deleting a guide renews the index's token and its ``removed`` token: the plain rows
the finder and the calendar keep per process (``finder.kept_rows``) are patched
after a publish but read again after a removal.

The receivers are connected to the guides in ``signals``.
"""

from __future__ import annotations

from engagement_hub.core.directory import cache as tokens
from engagement_hub.core.directory.models import index_page_of


def removed_token(index_pk: int) -> str:
    return f"funding:removed:{index_pk}"


def guide_published(sender, instance, **kwargs) -> None:
    from engagement_hub.core.directory.listing import patch_index

    index = index_page_of(instance)
    if index is not None:
        pk = instance.pk
        tokens.now_and_on_commit(lambda: patch_index(index, pk))


def _renew_for(*parents) -> None:
    names = []
    for parent in parents:
        if parent is not None:
            names += [tokens.page_token_name(parent.pk), removed_token(parent.pk)]
    if names:
        tokens.renew_on_commit(*names)


def guide_removed(sender, instance, **kwargs) -> None:
    _renew_for(index_page_of(instance))


def guide_moved(
    sender, instance, parent_page_before=None, parent_page_after=None, **kwargs
) -> None:
    _renew_for(parent_page_before, parent_page_after)
