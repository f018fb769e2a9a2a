"""Slugs are ASCII the German way (ä -> ae), on every page type, however the page is
made: typed by an editor, derived from the title, or saved in code."""

from django.apps import apps
from django.urls import reverse
from wagtail.models import get_page_models
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from engagement_hub.core.models import StandardPage
from engagement_hub.core.slugs import AsciiSlugMixin, AsciiSlugPageForm, ascii_slugify
from home.demo import prepare_site

HUB_APPS = {
    c.label for c in apps.get_app_configs() if c.name.startswith("engagement_hub.")
} | {"home"}


def test_transliteration():
    assert (
        ascii_slugify("Schnupperpaddeln für Kinder") == "schnupperpaddeln-fuer-kinder"
    )
    assert ascii_slugify("Straßenfest am Schloß") == "strassenfest-am-schloss"
    assert ascii_slugify("Öffnungszeiten ÜBER Ärger") == "oeffnungszeiten-ueber-aerger"
    assert ascii_slugify("Café Crème, São Paulo") == "cafe-creme-sao-paulo"
    assert ascii_slugify("Łódź") == "lodz"
    assert ascii_slugify("Привет") == ""


def test_every_hub_page_type_has_ascii_slugs():
    models = [m for m in get_page_models() if m._meta.app_label in HUB_APPS]
    assert [m.__name__ for m in models if not issubclass(m, AsciiSlugMixin)] == []
    assert [
        m.__name__
        for m in models
        if not issubclass(m.base_form_class, AsciiSlugPageForm)
    ] == []


class TestAsciiSlugs(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        with cls.captureOnCommitCallbacks(execute=True):
            _de, _en, cls.home = prepare_site()

    def _create(self, title, slug):
        self.login()
        data = nested_form_data(
            {
                "title": title,
                "slug": slug,
                "introduction": "Einleitung",
                "body": streamfield([]),
            }
        )
        url = reverse(
            "wagtailadmin_pages:add",
            args=(StandardPage._meta.app_label, "standardpage", self.home.pk),
        )
        return self.client.post(url, data)

    def test_editor_typed_umlauts_become_ascii(self):
        response = self._create(
            "Schnupperpaddeln für Kinder", "schnupperpaddeln-für-kinder"
        )
        self.assertEqual(response.status_code, 302)
        page = StandardPage.objects.get(
            title="Schnupperpaddeln für Kinder", locale__language_code="de"
        )
        self.assertEqual(page.slug, "schnupperpaddeln-fuer-kinder")
        self.assertEqual(page.url, "/de/schnupperpaddeln-fuer-kinder/")

    def test_clash_after_transliteration_is_a_form_error(self):
        self.home.add_child(
            instance=StandardPage(title="Grüße", slug="gruesse", introduction="x")
        )
        response = self._create("Grüße", "grüße")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "gruesse")
        self.assertEqual(
            StandardPage.objects.filter(title="Grüße", locale=self.home.locale).count(),
            1,
        )

    def test_slug_derived_from_the_title_in_code(self):
        page = StandardPage(
            title="Übungsleiter gesucht: Straßenfußball", introduction="x"
        )
        self.home.add_child(instance=page)
        self.assertEqual(page.slug, "uebungsleiter-gesucht-strassenfussball")
        self.assertTrue(
            page.url_path.endswith("/uebungsleiter-gesucht-strassenfussball/")
        )

    def test_renamed_slug_moves_the_url(self):
        page = StandardPage(title="Alt", slug="alt", introduction="x")
        self.home.add_child(instance=page)
        page.slug = "öffnungszeiten"
        page.save()
        page.refresh_from_db()
        self.assertEqual(page.slug, "oeffnungszeiten")
        self.assertTrue(page.url_path.endswith("/oeffnungszeiten/"))
