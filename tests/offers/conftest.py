"""A small offer directory with one offer per interesting filter combination."""

from datetime import time
from decimal import Decimal

import pytest
from wagtail.models import PageViewRestriction

from engagement_hub.core.models import Language
from tests.associations import factories as club_factories
from tests.offers import factories


@pytest.fixture
def directory(site_tree):
    home = site_tree["de"]
    de = site_tree["locales"][0]
    terms = club_factories.terms(de)
    languages = {lang.code: lang for lang in Language.objects.all()}
    club = club_factories.association(
        club_factories.association_index(home), "Turnverein Techentin"
    )
    index = factories.offer_index(home)
    pages = {
        "kinderturnen": factories.offer(
            index,
            "Kinderturnen",
            association=club,
            kind="group",
            categories=[terms["sport"]],
            target_groups=[terms["kinder"]],
            languages=[languages["de"]],
            slots=[(1, time(15, 0))],
            min_age=4,
            max_age=10,
            district=terms["innenstadt"],
            step_free_access=True,
        ),
        "seniorensport": factories.offer(
            index,
            "Seniorensport",
            kind="group",
            categories=[terms["sport"]],
            target_groups=[terms["senioren"]],
            slots=[(1, time(10, 0))],
            min_age=60,
            cost_kind="paid",
            price=Decimal("8"),
            district=terms["kummer"],
        ),
        "malkurs": factories.offer(
            index,
            "Malkurs",
            kind="course",
            categories=[terms["kultur"]],
            languages=[languages["en"]],
            slots=[(2, time(18, 0))],
            cost_kind="paid",
            price=Decimal("4"),
        ),
        "helfen": factories.offer(
            index,
            "Helfen beim Fest",
            slug="helfen",
            kind="volunteering",
            commitment="one_off",
            categories=[terms["kultur"]],
            slots=[(5, time(10, 0))],
            min_age=18,
        ),
    }
    draft = factories.offer(index, "Entwurf", categories=[terms["sport"]])
    draft.unpublish()
    private = factories.offer(index, "Geheim", categories=[terms["sport"]])
    PageViewRestriction.objects.create(
        page=private, restriction_type="password", password="x"
    )
    return {"index": index, "pages": pages, "terms": terms, "club": club, "home": home}
