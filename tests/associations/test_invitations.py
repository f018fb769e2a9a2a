"""Inviting club representatives, accepting, revoking, and the review workflow
with its decision mail (issue 14)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import Page, WorkflowPage, WorkflowState

from engagement_hub.associations import invitations, moderation, representatives
from engagement_hub.associations.models import RepresentativeInvitation
from engagement_hub.core.roles import CITY_EDITORS, setup_roles
from engagement_hub.mailings.models import Delivery
from tests.associations import factories as clubs
from tests.offers import factories as offers

PASSWORD = "Sehr-geheimes-Passwort-42"


@pytest.fixture
def world(site_tree, django_capture_on_commit_callbacks):
    home = site_tree["de"]
    index = clubs.association_index(home)
    offer_index = offers.offer_index(home)
    own = clubs.association(index, "SV Schlosspark", slug="sv-schlosspark")
    other = clubs.association(index, "Chor Schlossklang", slug="chor")
    setup_roles()
    editor = get_user_model().objects.create_user(
        "redaktion", "redaktion@example.org", "pw"
    )
    editor.groups.add(Group.objects.get(name=CITY_EDITORS))
    return {
        "own": own,
        "other": other,
        "index": index,
        "offer_index": offer_index,
        "own_offer": offers.offer(offer_index, "Kinderturnen", association=own),
        "other_offer": offers.offer(offer_index, "Chorprobe", association=other),
        "editor": editor,
    }


@pytest.fixture
def run_mail(django_capture_on_commit_callbacks):
    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return run


def editor_client(world):
    client = Client()
    client.force_login(world["editor"])
    return client


def link_path(body: str, part: str) -> str:
    url = re.search(rf"https?://\S+/{part}/\S+/", body).group(0)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def invite(world, run_mail, email="anna@example.org", language="de", club="own"):
    client = editor_client(world)
    url = f"/admin/club-representatives/{world[club].pk}/"
    return run_mail(client.post, url, {"email": email, "language": language})


def test_invite_accept_edit_own_not_other(world, run_mail):
    response = invite(world, run_mail)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert "SV Schlosspark" in message.subject
    assert "Passwort" in message.body  # German by default
    delivery = Delivery.objects.get(email="anna@example.org")
    assert delivery.status in ("sent", "delivered")
    path = link_path(message.body, "vereinszugang")
    client = Client()
    page = client.get(path)
    assert page.status_code == 200
    assert "Passwort" in page.content.decode()
    # Mismatching passwords: the form again, a clear message.
    bad = client.post(path, {"new_password1": PASSWORD, "new_password2": "x"})
    assert bad.status_code == 200
    assert get_user_model().objects.filter(email="anna@example.org").count() == 0
    done = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302
    user = get_user_model().objects.get(email="anna@example.org")
    assert user.check_password(PASSWORD)
    assert [c.pk for c in representatives.clubs_of(user)] == [world["own"].pk]
    # The link works once.
    again = Client().get(path)
    assert again.status_code == 404
    assert "nicht" in again.content.decode()
    # Own club and offer: editable; the other club's: not, and no 500.
    for key, expected in [("own", 200), ("own_offer", 200)]:
        assert client.get(f"/admin/pages/{world[key].pk}/edit/").status_code == expected
    for key in ("other", "other_offer"):
        response = client.get(f"/admin/pages/{world[key].pk}/edit/")
        assert response.status_code in (302, 403)
    # Not the invitations of any club.
    for key in ("own", "other"):
        url = f"/admin/club-representatives/{world[key].pk}/"
        assert client.get(url).status_code in (302, 403)  # Wagtail: home
        listing = client.get(url, follow=True).content.decode()
        assert "Vertretung einladen" not in listing
    # May not publish.
    assert not world["own"].permissions_for_user(user).can_publish()


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("not-an-address", "valid email"),
        ("redaktion@example.org", "other roles"),
    ],
)
def test_bad_invitations_are_refused_clearly(world, run_mail, email, message):
    response = invite(world, run_mail, email=email, language="en")
    # The editor's form in German or English (the editor's language).
    assert response.status_code == 200
    assert RepresentativeInvitation.objects.count() == 0
    assert mail.outbox == []
    with (
        translation.override("en"),
        pytest.raises(invitations.InvitationError, match=message),
    ):
        invitations.invite(world["own"], email)


def test_pending_and_existing_representative_are_refused(world, run_mail):
    invite(world, run_mail)
    translation.activate("en")
    with pytest.raises(invitations.InvitationError, match="already been invited"):
        invitations.invite(world["own"], "anna@example.org")
    user = get_user_model().objects.create_user("bert", "bert@example.org", "pw")
    representatives.grant(user, world["own"])
    with pytest.raises(invitations.InvitationError, match="already represents"):
        invitations.invite(world["own"], "BERT@example.org")


def test_expired_link(world, run_mail):
    invite(world, run_mail)
    path = link_path(mail.outbox[0].body, "vereinszugang")
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        response = Client().get(path)
        assert response.status_code == 404
        response = Client().post(
            path, {"new_password1": PASSWORD, "new_password2": PASSWORD}
        )
        assert response.status_code == 404
    assert not get_user_model().objects.filter(email="anna@example.org").exists()
    assert Client().get("/de/vereinszugang/nonsense/").status_code == 404


def test_second_club_for_an_existing_representative_says_log_in(world, run_mail):
    user = get_user_model().objects.create_user("bert", "bert@example.org", "pw")
    representatives.grant(user, world["own"])
    invite(world, run_mail, email="bert@example.org", language="en", club="other")
    assert {c.pk for c in representatives.clubs_of(user)} == {
        world["own"].pk,
        world["other"].pk,
    }
    body = mail.outbox[0].body
    assert "Log in" in body
    assert "vereinszugang" not in body and "club-invitation" not in body
    assert "Chor Schlossklang" in mail.outbox[0].subject


def test_revoke_is_one_action(world, run_mail):
    user = get_user_model().objects.create_user("bert", "bert@example.org", "pw")
    representatives.grant(user, world["own"])
    client = editor_client(world)
    listing = client.get(f"/admin/club-representatives/{world['own'].pk}/")
    assert "bert@example.org" in listing.content.decode()
    # Not a representative of the other club: 404, nothing changes.
    url = f"/admin/club-representatives/{world['other'].pk}/revoke/{user.pk}/"
    assert client.post(url).status_code in (302, 404)  # 404 (or its locale redirect)
    assert representatives.clubs_of(user) == [world["own"]]
    url = f"/admin/club-representatives/{world['own'].pk}/revoke/{user.pk}/"
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert representatives.clubs_of(user) == []
    assert not user.groups.exists()


def test_setup_roles_assigns_the_review_workflow_idempotently(world):
    setup_roles()
    setup_roles()
    for page in (world["index"], world["offer_index"]):
        link = WorkflowPage.objects.get(page=page)
        assert link.workflow.name == moderation.WORKFLOW_NAME
    assert world["own"].get_workflow().name == moderation.WORKFLOW_NAME
    assert world["own_offer"].get_workflow().name == moderation.WORKFLOW_NAME


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_review_decision_reaches_the_representative_once(world, run_mail, decision):
    user = get_user_model().objects.create_user("bert", "bert@example.org", "pw")
    representatives.grant(user, world["own"])
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    page = world["own"].specific
    page.title = "SV Schlosspark e. V."
    revision = page.save_revision(user=user)
    workflow = page.get_workflow()
    run_mail(workflow.start, page, user)
    mail.outbox.clear()
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    task_state = state.current_task_state
    task = task_state.task.specific
    editor = world["editor"]
    assert task.user_can_access_editor(page, editor)
    run_mail(
        task.on_action, task_state, editor, decision, comment="Bitte Logo ergänzen"
    )
    state.refresh_from_db()
    page.refresh_from_db()
    to_bert = [m for m in mail.outbox if m.to == ["bert@example.org"]]
    assert len(to_bert) == 1
    assert "Bitte Logo ergänzen" in to_bert[0].body
    if decision == "approve":
        assert state.status == "approved"
        assert (
            page.live_revision_id == revision.pk or page.title == "SV Schlosspark e. V."
        )
        assert "Published" in to_bert[0].subject
    else:
        assert state.status == "needs_changes"
        assert "Changes needed" in to_bert[0].subject
    assert Delivery.objects.filter(email="bert@example.org").count() == 1
    assert Page.objects.get(pk=page.pk).title  # still there


def test_submitting_for_review_tells_the_city_editors_once(world, run_mail):
    user = get_user_model().objects.create_user("bert", "bert@example.org", "pw")
    representatives.grant(user, world["own"])
    other_editor = get_user_model().objects.create_user(
        "redaktion2", "redaktion2@example.org", "pw"
    )
    other_editor.groups.add(Group.objects.get(name=CITY_EDITORS))
    page = world["own"].specific
    page.title = "SV Schlosspark e. V."
    page.save_revision(user=user)
    mail.outbox.clear()
    run_mail(page.get_workflow().start, page, user)
    to = sorted(address for message in mail.outbox for address in message.to)
    # Each editor once, through the mail API (a delivery each); Wagtail's own
    # notifications are replaced, and the submitter gets none.
    assert to == ["redaktion2@example.org", "redaktion@example.org"]
    assert (
        Delivery.objects.filter(
            mailing__message_type="associations.review_request"
        ).count()
        == 2
    )
    message = mail.outbox[0]
    assert message.subject.startswith("Bitte prüfen: SV Schlosspark")
    assert f"/admin/pages/{page.pk}/edit/" in message.body
