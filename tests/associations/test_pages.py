"""Every association page type: tree rules, creation in the admin, rendering and
preview (WagtailPageTestCase)."""

from datetime import time

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from engagement_hub.associations.models import AssociationIndexPage, AssociationPage
from home.demo import prepare_site
from home.models import HomePage
from tests.associations import factories


class AssociationPageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.de, cls.en, cls.home = prepare_site()
        cls.terms = factories.terms(cls.de)
        cls.index = factories.association_index(cls.home)
        cls.club = factories.association(
            cls.index,
            "Schachfreunde",
            categories=[cls.terms["sport"]],
            target_groups=[cls.terms["kinder"]],
            slots=[(1, time(15, 0))],
            contact_role="Vorstand",
            contact_email="vorstand@schach.example",
        )

    def setUp(self):
        self.login()

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(AssociationIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(AssociationIndexPage, {AssociationPage})
        self.assertAllowedParentPageTypes(AssociationPage, {AssociationIndexPage})
        self.assertAllowedSubpageTypes(AssociationPage, set())
        self.assertCanNotCreateAt(HomePage, AssociationPage)

    def test_index_can_be_created_under_home(self):
        self.assertCanCreate(
            self.home,
            AssociationIndexPage,
            nested_form_data(
                {
                    "title": "Clubs",
                    "slug": "clubs",
                    "introduction": rich_text("<p>Hi</p>"),
                }
            ),
        )

    def test_association_can_be_created_in_the_admin(self):
        self.assertCanCreate(
            self.index,
            AssociationPage,
            nested_form_data(
                {
                    "title": "Kegelclub",
                    "slug": "kegelclub",
                    "short_description": "Kegeln am Freitag.",
                    "description": rich_text("<p>Gut Holz!</p>"),
                    "town": "Ludwigslust",
                    "categories": [self.terms["sport"].pk],
                    "meeting_times": inline_formset(
                        [{"weekday": 4, "start_time": "18:00", "end_time": "20:00"}]
                    ),
                    "contact_role": "Vorstand",
                    "contact_email": "vorstand@kegel.example",
                }
            ),
        )
        page = AssociationPage.objects.get(slug="kegelclub", locale=self.de)
        assert page.live
        assert [slot.weekday for slot in page.meeting_times.all()] == [4]

    def test_pages_render_and_preview(self):
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.club)
        self.assertPageIsPreviewable(self.index)
        self.assertPageIsPreviewable(self.club)
