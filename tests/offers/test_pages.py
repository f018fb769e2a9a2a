"""Every offer page type: tree rules, creation in the admin, rendering and preview."""

from datetime import time

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from engagement_hub.offers.models import OfferIndexPage, OfferPage, WelcomePage
from home.demo import prepare_site
from home.models import HomePage
from tests.associations import factories as club_factories
from tests.offers import factories


class OfferPageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.de, cls.en, cls.home = prepare_site()
        cls.terms = club_factories.terms(cls.de)
        cls.club = club_factories.association(
            club_factories.association_index(cls.home), "Turnverein"
        )
        cls.index = factories.offer_index(cls.home)
        cls.offer = factories.offer(
            cls.index,
            "Kinderturnen",
            association=cls.club,
            target_groups=[cls.terms["kinder"]],
            slots=[(1, time(15, 0))],
            min_age=4,
            max_age=10,
        )
        cls.welcome = factories.welcome_page(
            cls.home,
            [
                ("heading", "Für Familien"),
                ("offer", {"page": cls.offer, "note": "Einfach kommen."}),
                ("association", {"page": cls.club, "note": ""}),
            ],
        )

    def setUp(self):
        self.login()

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(OfferIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(OfferIndexPage, {OfferPage})
        self.assertAllowedParentPageTypes(OfferPage, {OfferIndexPage})
        self.assertAllowedSubpageTypes(OfferPage, set())
        self.assertAllowedParentPageTypes(WelcomePage, {HomePage})
        self.assertAllowedSubpageTypes(WelcomePage, set())
        self.assertCanNotCreateAt(HomePage, OfferPage)

    def test_index_and_welcome_can_be_created_under_home(self):
        self.assertCanCreate(
            self.home,
            OfferIndexPage,
            nested_form_data(
                {"title": "Offers", "slug": "offers", "introduction": rich_text("")}
            ),
        )
        self.assertCanCreate(
            self.home,
            WelcomePage,
            nested_form_data(
                {
                    "title": "Welcome",
                    "slug": "welcome",
                    "introduction": rich_text("<p>Hello</p>"),
                    "entries": streamfield(
                        [("offer", {"page": self.offer.pk, "note": "Nice"})]
                    ),
                }
            ),
        )

    def test_offer_can_be_created_in_the_admin(self):
        self.assertCanCreate(
            self.index,
            OfferPage,
            nested_form_data(
                {
                    "title": "Helfen beim Sportfest",
                    "slug": "helfen",
                    "short_description": "Wir suchen Helfende.",
                    "description": rich_text("<p>Danke!</p>"),
                    "kind": "volunteering",
                    "association": self.club.pk,
                    "town": "Ludwigslust",
                    "cost_kind": "free",
                    "price_unit": "session",
                    "commitment": "one_off",
                    "police_certificate_required": "on",
                    "schedule": inline_formset(
                        [{"weekday": 5, "start_time": "10:00", "end_time": "14:00"}]
                    ),
                }
            ),
        )
        page = OfferPage.objects.get(slug="helfen", locale=self.de)
        assert page.is_volunteering and page.police_certificate_required

    def test_pages_render_and_preview(self):
        for page in (self.index, self.offer, self.welcome):
            self.assertPageIsRenderable(page)
        self.assertPageIsPreviewable(self.index)
        self.assertPageIsPreviewable(self.offer)
        # StreamFields are rendered by JavaScript, so the form data is given here.
        self.assertPageIsPreviewable(
            self.welcome,
            post_data=nested_form_data(
                {
                    "title": "Willkommen",
                    "slug": "willkommen",
                    "introduction": rich_text("<p>Hallo!</p>"),
                    "entries": streamfield(
                        [("offer", {"page": self.offer.pk, "note": "Hi"})]
                    ),
                }
            ),
        )
        self.assertPageIsRenderable(self.welcome, route_path="/handout/")
