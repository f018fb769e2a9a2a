"""Roles the hub sets up itself, and club representatives' access (the README's
"Roles" section)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import GroupPagePermission

from engagement_hub.associations import representatives
from engagement_hub.core.roles import (
    CITY_EDITORS,
    NEWSLETTER_EDITORS,
    REPRESENTATIVES,
    setup_roles,
)
from tests.associations import factories as clubs
from tests.offers import factories as offers


@pytest.fixture
def two_clubs(site_tree):
    home = site_tree["de"]
    index = clubs.association_index(home)
    offer_index = offers.offer_index(home)
    own = clubs.association(index, "SV Schlosspark", slug="sv-schlosspark")
    other = clubs.association(index, "Chor Schlossklang", slug="chor")
    return {
        "own": own,
        "other": other,
        "offer_index": offer_index,
        "own_offer": offers.offer(offer_index, "Kinderturnen", association=own),
    }


def granted_pages(group):
    return set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page_id", flat=True
        )
    )


def test_setup_roles_is_idempotent(two_clubs):
    call_command("setup_roles", stdout=io.StringIO())
    counts = {g.name: g.permissions.count() for g in Group.objects.all()}
    grants = GroupPagePermission.objects.count()

    call_command("setup_roles", stdout=io.StringIO())

    assert {g.name: g.permissions.count() for g in Group.objects.all()} == counts
    assert GroupPagePermission.objects.count() == grants
    assert {CITY_EDITORS, NEWSLETTER_EDITORS, REPRESENTATIVES} <= set(counts)
    city = Group.objects.get(name=CITY_EDITORS)
    assert not city.permissions.filter(codename__contains="subscriber").exists()
    assert not city.permissions.filter(content_type__app_label="auth").exists()


def test_grant_gives_the_club_page_and_its_offers_and_revoke_takes_them(two_clubs):
    user = get_user_model().objects.create_user("anna", "anna@example.org", "pw")
    setup_roles()

    call_command(
        "club_access",
        "grant",
        "anna@example.org",
        "sv-schlosspark",
        stdout=io.StringIO(),
    )

    group = representatives.club_group(two_clubs["own"])
    assert granted_pages(group) == {two_clubs["own"].pk, two_clubs["own_offer"].pk}
    assert user.groups.filter(name=REPRESENTATIVES).exists()
    assert representatives.clubs_of(user) == [two_clubs["own"]]
    own_perms = two_clubs["own_offer"].permissions_for_user(user)
    assert own_perms.can_edit() and not own_perms.can_publish()
    assert not two_clubs["other"].permissions_for_user(user).can_edit()

    call_command(
        "club_access", "revoke", "anna", "sv-schlosspark", stdout=io.StringIO()
    )

    assert not user.groups.exists()


def test_offers_follow_their_club(two_clubs):
    setup_roles()
    own_group = representatives.club_group(two_clubs["own"])
    other_group = representatives.club_group(two_clubs["other"])
    new_offer = offers.offer(
        two_clubs["offer_index"], "Chorprobe", association=two_clubs["other"]
    )
    assert new_offer.pk in granted_pages(other_group)

    new_offer.association = two_clubs["own"]
    new_offer.save_revision().publish()

    assert new_offer.pk in granted_pages(own_group)
    assert new_offer.pk not in granted_pages(other_group)


def test_club_access_names_what_it_cannot_find(two_clubs):
    with pytest.raises(CommandError, match="nobody@example.org"):
        call_command("club_access", "grant", "nobody@example.org", "sv-schlosspark")
