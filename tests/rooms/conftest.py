import pytest
import time_machine

from tests.rooms import factories

# A Wednesday without public holidays around it.
NOW = "2026-03-04 10:00:00+01:00"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def rooms(site_tree, frozen):
    home = site_tree["de"]
    index = factories.room_index(home)
    return {
        "index": index,
        "saal": factories.room(
            index,
            "Großer Saal",
            capacity_seated=100,
            step_free_access=True,
            has_projector=True,
        ),
        "klein": factories.room(
            index, "Kleiner Raum", capacity_seated=12, free_for_nonprofits=True
        ),
        "halle": factories.room(
            index,
            "Halle",
            capacity_standing=200,
            step_free_access=True,
            hours=[
                (
                    1,
                    __import__("datetime").time(8, 0),
                    __import__("datetime").time(17, 0),
                )
            ],
        ),
    }
