"""A small funding directory, with the clock frozen on 1 December 2026."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from tests.associations import factories as club_factories
from tests.funding import factories

TODAY = date(2026, 12, 1)


@pytest.fixture
def frozen():
    with time_machine.travel("2026-12-01 09:00 +01:00", tick=False) as traveller:
        yield traveller


@pytest.fixture
def funding(site_tree, frozen):
    home = site_tree["de"]
    de = site_tree["locales"][0]
    terms = club_factories.terms(de)
    index = factories.funding_index(home)
    pages = {
        "jugend": factories.guide(
            index,
            "Jugendfonds",
            categories=[terms["sport"]],
            amount_min=Decimal("500"),
            amount_max=Decimal("5000"),
            dates=[date(2027, 3, 15)],
            region="land",
        ),
        "kultur": factories.guide(
            index,
            "Kulturpreis",
            categories=[terms["kultur"]],
            funding_kind="prize",
            amount_max=Decimal("3000"),
            yearly=[(1, 31)],
            region="town",
        ),
        "mikro": factories.guide(
            index,
            "Mikroförderung",
            amount_max=Decimal("2500"),
            for_initiatives=True,
            own_contribution=10,
        ),
        "gross": factories.guide(
            index,
            "Großprojekte",
            categories=[terms["sport"]],
            amount_min=Decimal("10000"),
            amount_max=Decimal("100000"),
            dates=[date(2027, 6, 30)],
            for_associations=True,
        ),
        "zu": factories.guide(
            index, "Geschlossen", closed=True, dates=[date(2027, 2, 1)]
        ),
        "vorbei": factories.guide(index, "Vorbei", dates=[date(2026, 11, 1)]),
    }
    return {"index": index, "pages": pages, "terms": terms, "home": home}


from tests.mailings.conftest import hub  # noqa: E402,F401  (sender and imprint)


@pytest.fixture(autouse=True)
def _forget_rendered_mail():
    """The engine caches a rendering per (mailing pk, created_at, language); with
    the clock frozen and the database rolled back both repeat between tests."""
    from engagement_hub.mailings import delivery

    delivery._RENDERED.clear()
    yield
    delivery._RENDERED.clear()
