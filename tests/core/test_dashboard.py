"""The editors' dashboard: each domain's panel, only for the roles that may see its
data, in a bounded number of queries."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from engagement_hub.associations import representatives
from engagement_hub.core.roles import CITY_EDITORS, NEWSLETTER_EDITORS, setup_roles
from engagement_hub.mailings.models import Delivery, Mailing, Subscriber
from tests.associations import factories as clubs


@pytest.fixture
def people(site_tree):
    index = clubs.association_index(site_tree["de"])
    for number in range(8):
        clubs.association(
            index, f"Alter Verein {number}", last_confirmed=date(2020, 1, number + 1)
        )
    fresh = clubs.association(index, "Frischer Verein")
    mailing = Mailing.objects.create(message_type="associations.freshness")
    for status in ("failed", "unknown", "sent"):
        Delivery.objects.create(
            mailing=mailing, email=f"{status}@example.org", status=status
        )
    for number in range(3):
        Subscriber.objects.create(
            email=f"neu{number}@example.org",
            status=Subscriber.Status.SUBSCRIBED,
            confirmed_at=timezone.now() - timedelta(days=number),
        )
    setup_roles()
    User = get_user_model()
    city = User.objects.create_user("city", "c@example.org", "x")
    city.groups.add(Group.objects.get(name=CITY_EDITORS))
    news = User.objects.create_user("news", "n@example.org", "x")
    news.groups.add(Group.objects.get(name=NEWSLETTER_EDITORS))
    rep = User.objects.create_user("rep", "r@example.org", "x")
    representatives.grant(rep, fresh)
    return {"city": city, "news": news, "rep": rep}


def panels(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_city_editors_see_outdated_entries_with_links(client, people):
    html = panels(client, people["city"])
    assert 'data-panel="outdated_clubs"' in html
    assert "Möglicherweise veraltete Vereinseinträge" in html
    assert "Alter Verein 0" in html and "Alter Verein 5" not in html  # 5 rows
    assert '<span class="w-status">8</span>' in html
    assert "/admin/associations/?freshness=outdated" in html
    assert "Frischer Verein" not in html


def test_newsletter_editors_see_deliveries_and_subscribers_only(client, people):
    html = panels(client, people["news"])
    assert 'data-panel="failed_deliveries"' in html
    assert "1 fehlgeschlagen, 1 unbekannt" in html
    assert 'data-panel="new_subscribers"' in html
    assert 'data-panel="outdated_clubs"' not in html


def test_representatives_see_none_of_the_towns_panels(client, people):
    html = panels(client, people["rep"])
    for name in (
        "outdated_clubs",
        "failed_deliveries",
        "new_subscribers",
        "room_requests",
        "next_meetings",
    ):
        assert f'data-panel="{name}"' not in html


def test_dashboard_queries_are_bounded(client, people, django_assert_max_num_queries):
    client.force_login(people["city"])
    client.get("/admin/")
    with django_assert_max_num_queries(60):
        client.get("/admin/")
