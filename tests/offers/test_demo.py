"""The demo directory: size, spread over every filter, both languages, idempotent;
the home page blocks render in the page's language with a constant query count."""

from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Revision

from engagement_hub.associations.models import AssociationPage
from engagement_hub.core.models import Category, District, Language, TargetGroup
from engagement_hub.offers.models import OfferPage, OfferScheduleSlot


def test_demo_offers_read_true(demo):
    """Each offer once, run by a club of its topic (or the city), at a time its
    people can come: school children's groups on weekdays after school."""
    offers = OfferPage.objects.filter(locale__language_code="de").prefetch_related(
        "categories", "schedule"
    )
    titles = [offer.title for offer in offers]
    assert len(titles) == len(set(titles)), "an offer appears twice"
    for offer in offers:
        if offer.association_id is not None:
            club = AssociationPage.objects.get(pk=offer.association_id)
            club_topics = set(club.categories.values_list("slug", flat=True))
            assert club_topics & {c.slug for c in offer.categories.all()}, offer.title
        school_children = (offer.min_age or 0) >= 6 and (offer.max_age or 99) <= 17
        if school_children:
            for slot in offer.schedule.all():
                if slot.weekday < 5:
                    assert slot.start_time.hour >= 14, (offer.title, slot)
    assert OfferPage.objects.filter(
        association__slug="sv-schlosspark", locale__language_code="de"
    ).exists(), "the README's example club has offers"


def test_demo_directory(client, demo, django_capture_on_commit_callbacks):
    de_offers = OfferPage.objects.live().filter(locale__language_code="de")
    de_clubs = AssociationPage.objects.live().filter(locale__language_code="de")
    assert de_clubs.count() >= 30
    assert de_offers.count() >= 40
    assert OfferPage.objects.live().filter(locale__language_code="en").count() == (
        de_offers.count()
    )

    # Spread over every filter value.
    slugs = lambda qs, field: set(qs.values_list(f"{field}__slug", flat=True))  # noqa: E731
    assert slugs(de_offers, "categories") == set(
        Category.objects.values_list("slug", flat=True)
    )
    assert slugs(de_offers, "target_groups") == set(
        TargetGroup.objects.values_list("slug", flat=True)
    )
    assert slugs(de_offers, "district") == set(
        District.objects.values_list("slug", flat=True)
    )
    weekdays = set(
        OfferScheduleSlot.objects.filter(page__in=de_offers).values_list(
            "weekday", flat=True
        )
    )
    assert weekdays == set(range(7))
    assert set(de_offers.values_list("kind", flat=True)) == {
        "activity",
        "course",
        "group",
        "volunteering",
    }
    assert set(de_offers.values_list("cost_kind", flat=True)) == {"free", "paid"}
    assert len(set(de_offers.values_list("languages__code", flat=True)) - {None}) >= 8
    assert de_offers.filter(step_free_access=True).exists()
    assert de_clubs.filter(last_confirmed__isnull=False).exists()
    assert Language.objects.count() == 12

    # Every page type answers in both languages.
    for url in (
        "/de/vereine/",
        "/en/clubs/",
        "/de/angebote/",
        "/en/offers/",
        "/de/vereine/sv-schlosspark/",
        "/en/clubs/sv-schlosspark/",
        "/de/angebote/hausaufgabenhilfe/",
        "/en/offers/homework-help/",
        "/de/willkommen/",
        "/en/welcome/handout/",
    ):
        assert client.get(url).status_code == 200, url
    english = client.get(
        "/en/offers/?age=10&weekday=1&time=afternoon&cost=free"
    ).context["listing"]
    assert "Homework help" in {page.title for page in english.results}

    # Home blocks in both languages.
    german_home = client.get("/de/").content.decode()
    english_home = client.get("/en/").content.decode()
    assert "Angebote entdecken" in german_home and "Neue Vereine" in german_home
    assert "Discover offers" in english_home and "New clubs" in english_home
    assert "/en/offers/" in english_home and "/de/angebote/" not in english_home

    # Running it again changes nothing.
    pages, revisions = Page.objects.count(), Revision.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)


def test_home_blocks_have_a_constant_query_count(client, site_tree):
    from tests.associations import factories as club_factories
    from tests.offers import factories

    home = site_tree["de"]
    club_index = club_factories.association_index(home)
    offer_index = factories.offer_index(home)
    chosen = [factories.offer(offer_index, f"Angebot {n}") for n in range(6)]
    for n in range(6):
        club_factories.association(club_index, f"Verein {n}")

    def queries(count: int, picked: list) -> int:
        home.body = [
            ("featured_offers", {"heading": "A", "offers": picked, "count": count}),
            ("newest_associations", {"heading": "V", "count": count}),
        ]
        home.save_revision().publish()
        # The page frame's caches (menu, legal links, hub settings) fill over the
        # first two requests after a publish; the count is compared after that.
        client.get("/de/")
        client.get("/de/")
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/de/").content.decode()
        assert html.count('class="card"') == (len(picked) or count) + count
        return len(captured)

    assert queries(1, []) == queries(6, [])
    assert queries(1, chosen[:1]) == queries(1, chosen)
