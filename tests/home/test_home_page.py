"""HomePage: one per language tree, at the top; editors can create and preview it."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from engagement_hub.core.models import StandardPage
from home.demo import prepare_site
from home.models import HomePage


class TestHomePage(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        # wagtail-localize publishes the English home on commit.
        with cls.captureOnCommitCallbacks(execute=True):
            _de, _en, cls.home = prepare_site()
        cls.home.body = [
            (
                "intro",
                {
                    "heading": "Willkommen",
                    "text": "<p>Vereine und Initiativen in Ludwigslust.</p>",
                },
            ),
            ("heading", {"text": "Aktuelles", "level": "h2"}),
        ]
        cls.home.save_revision().publish()

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_editor_can_create_a_home_page_at_the_root(self):
        self.login()
        data = nested_form_data(
            {
                "title": "Zweite Startseite",
                "slug": "zweite-startseite",
                "body": streamfield(
                    [
                        (
                            "intro",
                            {"heading": "Hallo", "text": rich_text("<p>Text</p>")},
                        ),
                    ]
                ),
            }
        )
        self.assertCanCreate(Page.get_first_root_node(), HomePage, data)
        self.assertTrue(
            HomePage.objects.filter(slug="zweite-startseite").live().exists()
        )

    def test_renders_its_body(self):
        self.assertPageIsRenderable(self.home)
        response = self.client.get("/de/")
        self.assertContains(response, "Willkommen")
        self.assertContains(response, "Vereine und Initiativen in Ludwigslust.")
        self.assertContains(response, "<h2>Aktuelles</h2>", html=True)

    def test_previewable(self):
        # The StreamField form is built by JavaScript, so the data is given here
        # instead of being read from the edit view's HTML.
        data = nested_form_data(
            {
                "title": "Engagement in Ludwigslust",
                "slug": "startseite",
                "body": streamfield(
                    [("intro", {"heading": "Vorschau", "text": rich_text("<p>x</p>")})]
                ),
            }
        )
        self.assertPageIsPreviewable(self.home, post_data=data)
