"""Dates as rows: materialised from the rule, edits keep the RSVPs of dates that
stay, exceptions, moved dates, the periodic extension, rules without dates."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from engagement_hub.meetings.models import Occurrence, Rsvp
from engagement_hub.meetings.rsvp import respond
from engagement_hub.meetings.series import extend_all, materialise

pytestmark = pytest.mark.django_db


def test_a_series_is_materialised_for_the_horizon(calendar, settings):
    series = calendar["series"]
    rows = list(series.occurrences.order_by("starts_at"))
    # every two weeks for 400 days
    assert 28 <= len(rows) <= 30
    assert rows[1].starts_at - rows[0].starts_at == timedelta(days=14)
    assert timezone.localtime(rows[0].starts_at).hour == 18
    settings.ENGAGEMENT_HUB_MEETINGS_HORIZON = timedelta(days=800)
    assert extend_all() > 20
    assert extend_all() == 0  # idempotent


def test_a_single_date_is_one_row(calendar):
    assert calendar["single"].occurrences.count() == 1


def test_editing_the_series_keeps_rsvps_of_dates_that_stay(
    calendar, django_capture_on_commit_callbacks
):
    series = calendar["series"]
    first, second = series.occurrences.order_by("starts_at")[:2]
    with django_capture_on_commit_callbacks(execute=True):
        respond(first.pk, "anna@example.org", answer="yes", notify=False)
        respond(second.pk, "bert@example.org", answer="yes", notify=False)
    # a new time of day and the second date left out
    series.starts_at = series.starts_at + timedelta(hours=1)
    local_second = timezone.localtime(second.starts_at).date()
    series.exception_dates = local_second.isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        series.save_revision().publish()
    first.refresh_from_db()
    second.refresh_from_db()
    assert timezone.localtime(first.starts_at).hour == 19
    assert first.sequence == 1
    assert first.rsvps.get().email == "anna@example.org"
    # the left-out date had an answer: cancelled, not deleted
    assert second.status == Occurrence.Status.CANCELLED
    assert Rsvp.objects.filter(occurrence=second).exists()


def test_dropped_dates_without_answers_are_deleted(calendar):
    series = calendar["series"]
    count = series.occurrences.count()
    series.recurrence = "FREQ=WEEKLY;INTERVAL=4"
    materialise(series)
    assert series.occurrences.count() == pytest.approx(count / 2, abs=2)


def test_past_dates_are_never_touched(calendar):
    series = calendar["series"]
    past = Occurrence.objects.create(
        meeting=series,
        original_date=timezone.localdate() - timedelta(days=30),
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=30) + timedelta(hours=2),
        minutes="<p>Protokoll</p>",
    )
    series.recurrence = "FREQ=MONTHLY"
    materialise(series)
    assert Occurrence.objects.filter(pk=past.pk).exists()


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=NEVER",
        "nonsense",
        "FREQ=WEEKLY;COUNT=0",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    ],
)
def test_a_rule_with_no_dates_is_a_form_error(calendar, rule):
    series = calendar["series"]
    series.recurrence = rule
    with pytest.raises(ValidationError) as error:
        series.full_clean()
    assert "recurrence" in error.value.message_dict


def test_bad_exception_dates_are_a_form_error(calendar):
    series = calendar["series"]
    series.exception_dates = "im Sommer"
    with pytest.raises(ValidationError) as error:
        series.full_clean()
    assert "exception_dates" in error.value.message_dict


def test_moving_a_single_date_keeps_its_row_and_rsvps(
    calendar, django_capture_on_commit_callbacks
):
    single = calendar["single"]
    row = single.occurrences.get()
    respond(row.pk, "anna@example.org", answer="yes", notify=False)
    single.starts_at = single.starts_at + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        single.save_revision().publish()
    row.refresh_from_db()
    assert row.sequence == 1
    assert row.rsvps.count() == 1
    assert (
        timezone.localtime(row.starts_at).date()
        == timezone.localtime(single.starts_at).date()
    )
