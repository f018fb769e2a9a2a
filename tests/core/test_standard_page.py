"""StandardPage: where it may live, that editors can create it, and that it renders."""

from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from engagement_hub.core.models import StandardPage
from home.demo import prepare_site
from home.models import HomePage


class TestStandardPage(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        # wagtail-localize publishes the English home on commit.
        with cls.captureOnCommitCallbacks(execute=True):
            _de, _en, cls.home = prepare_site()
        cls.page = StandardPage(
            title="Über uns",
            slug="ueber-uns",
            introduction="Wer hinter dem Engagement-Hub steht.",
            body=[
                ("heading", {"text": "Unser Team", "level": "h2"}),
                ("paragraph", "<p>Wir sind die <b>Ehrenamtskoordination</b>.</p>"),
                ("call_to_action", {"text": "Zur Startseite", "page": cls.home}),
            ],
        )
        cls.home.add_child(instance=cls.page)
        cls.page.save_revision().publish()

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(Page, StandardPage)

    def test_editor_can_create_with_body(self):
        self.login()
        data = nested_form_data(
            {
                "title": "Ehrenamtskarte",
                "slug": "ehrenamtskarte",
                "introduction": "So beantragen Sie die Ehrenamtskarte.",
                "body": streamfield(
                    [
                        ("heading", {"text": "Wer bekommt sie?", "level": "h2"}),
                        ("paragraph", rich_text("<p>Alle, die sich engagieren.</p>")),
                    ]
                ),
            }
        )
        self.assertCanCreate(self.home, StandardPage, data)

        page = StandardPage.objects.get(
            slug="ehrenamtskarte", locale__language_code="de"
        )
        self.assertTrue(page.live)
        response = self.client.get("/de/ehrenamtskarte/")
        self.assertContains(response, "<h2>Wer bekommt sie?</h2>", html=True)
        self.assertContains(response, "Alle, die sich engagieren.")
        # wagtail-localize keeps the English tree in sync: an alias exists at once.
        english = page.get_translation(Locale.objects.get(language_code="en"))
        self.assertEqual(english.alias_of_id, page.pk)

    def test_renders(self):
        self.assertPageIsRenderable(self.page)
        response = self.client.get("/de/ueber-uns/")
        self.assertContains(response, "<h1>Über uns</h1>", html=True)
        self.assertContains(response, "Wer hinter dem Engagement-Hub steht.")
        self.assertContains(response, "<b>Ehrenamtskoordination</b>", html=True)
        self.assertContains(response, 'href="/de/"')

    def test_previewable(self):
        # The StreamField form is built by JavaScript, so the data is given here
        # instead of being read from the edit view's HTML.
        data = nested_form_data(
            {
                "title": "Über uns",
                "slug": "ueber-uns",
                "introduction": "Vorschau der Einleitung",
                "body": streamfield([("heading", {"text": "Vorschau", "level": "h3"})]),
            }
        )
        self.assertPageIsPreviewable(self.page, post_data=data)
