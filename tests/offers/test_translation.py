"""Structure stays in sync across languages; prose is translated; filter URLs
survive a language switch."""

import html as html_module
import re
from datetime import time
from decimal import Decimal

import pytest

from engagement_hub.core.demo_tools import translate
from engagement_hub.core.models import Category, District, TargetGroup
from engagement_hub.offers.models import OfferPage, OfferScheduleSlot


@pytest.fixture
def english(directory, site_tree, django_capture_on_commit_callbacks):
    en = site_tree["locales"][1]
    with django_capture_on_commit_callbacks(execute=True):
        for term in [
            *Category.objects.all(),
            *TargetGroup.objects.all(),
            *District.objects.all(),
        ]:
            translate(term, en, {"Sport": "Sports", "Kinder": "Children"})
        translate(directory["index"], en, {"Angebote": "Offers"})
    # Publish the parent before its children get translations: wagtail-localize
    # publishes on commit with the instance as it was (see repair_child_counts).
    with django_capture_on_commit_callbacks(execute=True):
        for page in directory["pages"].values():
            translate(page, en, {"Kinderturnen": "Children's gymnastics"})
    return en


def sync(page, en, capture) -> OfferPage:
    with capture(execute=True):
        translate(page, en, {"Kinderturnen": "Children's gymnastics"}, update=True)
    return page.get_translation(en).specific


def test_german_edit_of_structure_reaches_the_english_page(
    directory, english, django_capture_on_commit_callbacks
):
    page = OfferPage.objects.get(pk=directory["pages"]["kinderturnen"].pk)
    page.price = Decimal("2.50")
    page.cost_kind = "paid"
    page.max_age = 11
    page.schedule = [OfferScheduleSlot(weekday=3, start_time=time(16, 0))]
    page.save_revision().publish()
    translated = sync(page, english, django_capture_on_commit_callbacks)
    assert translated.title == "Children's gymnastics"
    assert translated.price == Decimal("2.50")
    assert translated.max_age == 11
    assert [(s.weekday, s.start_time) for s in translated.schedule.all()] == [
        (3, time(16, 0))
    ]
    assert translated.association_id == page.association_id
    assert {c.slug for c in translated.categories.all()} == {"sport"}


def test_filter_urls_work_in_both_languages(client, english):
    query = "?category=sport&target_group=kinder&weekday=1"
    german = client.get("/de/angebote/" + query)
    english_response = client.get("/en/offers/" + query)
    assert [p.title for p in german.context["listing"].results] == ["Kinderturnen"]
    assert [p.title for p in english_response.context["listing"].results] == [
        "Children's gymnastics"
    ]
    html = english_response.content.decode()
    # Terms are named in the page's language, whatever the link points to.
    assert "Sports" in html and "Children <span" in html


def test_the_language_switcher_keeps_the_filters_but_not_the_page_number(
    client, english
):
    html = client.get(
        "/de/angebote/?category=sport&weekday=1&page=1&utm_source=x"
    ).content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    link = html_module.unescape(re.search(r'<a href="([^"]+)" lang="en"', switcher)[1])
    assert link == "/en/offers/?category=sport&weekday=1"
    english_html = client.get(link).content.decode()
    assert "Children&#x27;s gymnastics" in english_html


def test_english_detail_page_names_terms_and_association_in_english(client, english):
    html = client.get("/en/offers/childrens-gymnastics/").content.decode()
    assert (
        "<h1>Children&#x27;s gymnastics</h1>" in html or "Children's gymnastics" in html
    )
    assert "Sports" in html
    assert '"inLanguage": "en"' in html


def test_emptying_a_relation_in_german_empties_it_in_english(
    client, directory, english, django_capture_on_commit_callbacks
):
    page = OfferPage.objects.get(pk=directory["pages"]["kinderturnen"].pk)
    assert page.get_translation(english).target_groups.exists()
    page.target_groups = []
    page.save_revision().publish()
    translated = sync(page, english, django_capture_on_commit_callbacks)
    assert not translated.target_groups.exists()
    assert {c.slug for c in translated.categories.all()} == {"sport"}
    response = client.get("/en/offers/?target_group=kinder")
    assert response.context["listing"].total == 0
