"""The newsletter page types: tree rules, rendering, previews (web and email)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from engagement_hub.mailings.models import (
    NewsletterIndexPage,
    NewsletterPage,
    Subscriber,
)
from home.models import HomePage


class NewsletterPageTypesTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        from home.demo import prepare_site

        _de, _en, cls.home = prepare_site()
        cls.index = NewsletterIndexPage(title="Newsletter", slug="newsletter")
        cls.home.add_child(instance=cls.index)
        cls.index.save_revision().publish()
        cls.issue = NewsletterPage(
            title="Ausgabe Mai",
            slug="mai",
            introduction="Hallo",
            body=[("heading", "Termine"), ("text", "<p>Text</p>")],
        )
        cls.index.add_child(instance=cls.issue)
        cls.issue.save_revision().publish()
        cls.admin = get_user_model().objects.create_superuser(
            "admin", "admin@example.org", "pw"
        )

    def setUp(self):
        self.client.force_login(self.admin)

    def test_tree_rules(self):
        self.assertCanCreateAt(HomePage, NewsletterIndexPage)
        self.assertCanNotCreateAt(Page, NewsletterIndexPage)
        self.assertCanCreateAt(NewsletterIndexPage, NewsletterPage)
        self.assertCanNotCreateAt(HomePage, NewsletterPage)
        self.assertAllowedSubpageTypes(NewsletterPage, {})

    def test_can_create_an_issue_in_the_admin(self):
        self.assertCanCreate(
            self.index,
            NewsletterPage,
            self.issue_data("Ausgabe Juni", "juni"),
        )

    @staticmethod
    def issue_data(title: str, slug: str) -> dict:
        return nested_form_data(
            {
                "title": title,
                "slug": slug,
                "introduction": "Neu & <b>wichtig</b>",
                "body": streamfield(
                    [
                        ("heading", "Termine"),
                        ("text", rich_text("<p>Wir treffen uns.</p>")),
                    ]
                ),
            }
        )

    def test_renderable(self):
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.issue)

    def test_previewable_as_web_page_and_as_email(self):
        data = self.issue_data("Ausgabe Mai", "mai")
        self.assertPageIsPreviewable(self.issue, post_data=data)
        self.assertPageIsPreviewable(self.issue, mode="email", post_data=data)
        self.assertPageIsPreviewable(
            self.index, post_data={"title": "Newsletter", "slug": "newsletter"}
        )

    def test_email_preview_shows_the_mail(self):
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[self.issue.pk])
        data = self.issue_data("Ausgabe Mai", "mai")
        self.assertEqual(self.client.post(url, data).status_code, 200)
        response = self.client.get(url, {"mode": "email"})
        self.assertContains(response, "Wir treffen uns.")
        self.assertContains(response, "Neu &amp; &lt;b&gt;wichtig&lt;/b&gt;")
        self.assertContains(response, "Abmelden")
        self.assertNotContains(response, "%recipient")

    def test_index_shows_form_and_issues_but_no_subscriber(self):
        Subscriber.objects.create(email="secret@example.org", status="subscribed")
        response = self.client.get(self.index.url)
        self.assertContains(response, 'name="email"')
        self.assertContains(response, "Ausgabe Mai")
        self.assertNotContains(response, "secret@example.org")

    def test_home_page_block_has_the_form(self):
        self.home.body = [
            ("newsletter_signup", {"heading": "Newsletter", "text": "Hi"})
        ]
        self.home.save_revision().publish()
        response = self.client.get(self.home.url)
        self.assertContains(response, reverse("engagement_hub_mailings:subscribe"))
        self.assertContains(response, 'name="website"')

    def test_send_button_on_the_issue(self):
        response = self.client.get(
            reverse("wagtailadmin_pages:edit", args=[self.issue.pk])
        )
        self.assertContains(
            response,
            reverse("engagement_hub_mailings_admin:send", args=[self.issue.pk]),
        )


def test_demo_content_is_idempotent(site_tree, django_capture_on_commit_callbacks):
    from wagtail.models import Locale

    from engagement_hub.core.demo_tools import DemoContext
    from engagement_hub.mailings import demo
    from engagement_hub.mailings.models import Topic

    de, en = site_tree["locales"]
    context = DemoContext(de=de, en=en, home=site_tree["de"])
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            demo.load(context)
    index = NewsletterIndexPage.objects.get(locale=de)
    assert index.get_translation(Locale.objects.get(language_code="en")).live
    assert NewsletterPage.objects.get(locale=en).title == "Newsletter December"
    assert (
        Topic.objects.filter(locale=en).count()
        == Topic.objects.filter(locale=de).count()
        == 3
    )
    assert NewsletterPage.objects.count() == 2
    assert not Subscriber.objects.exists()
