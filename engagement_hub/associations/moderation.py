"""Review by default: the workflow the hub sets up for the directories, and the
decision mail to whoever submitted (through the mail API, in their language).

:func:`setup_review_workflow` (called by ``setup_roles``) creates the workflow
"Prüfung durch die Stadtredaktion" with one group approval task for the city
editors and assigns it to the directories whose index page type is
``reviewed_by_default`` (associations and offers, every locale), where no workflow
is assigned yet. Wagtail's own mails are replaced (same dispatch
uids) by mails through the mail API: :func:`review_request_mail` tells the task's
reviewers that changes wait for them, :func:`decision_mail` tells the requester the
decision; each recipient gets exactly one mail.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from engagement_hub.core.roles import CITY_EDITORS

WORKFLOW_NAME = "Prüfung durch die Stadtredaktion"
TASK_NAME = "Freigabe durch die Stadtredaktion"


def directory_pages() -> list:
    """Every directory index page (any locale) whose type is ``reviewed_by_default``
    (the associations' and the offers' directories)."""
    from django.apps import apps

    from engagement_hub.core.directory.models import DirectoryIndexPage

    return [
        page
        for model in apps.get_models()
        if issubclass(model, DirectoryIndexPage) and model.reviewed_by_default
        for page in model.objects.order_by("path")
    ]


@transaction.atomic
def setup_review_workflow():
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    editors, _ = Group.objects.get_or_create(name=CITY_EDITORS)
    workflow, _ = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([editors])
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0}
    )
    for page in directory_pages():
        WorkflowPage.objects.get_or_create(
            page=page.page_ptr, defaults={"workflow": workflow}
        )
    return workflow


def _edit_url(page) -> str:
    from django.urls import reverse

    from engagement_hub.mailings.rendering import base_url

    return base_url() + reverse("wagtailadmin_pages:edit", args=[page.pk])


def _language(user) -> str:
    from wagtail.users.models import UserProfile

    return UserProfile.get_for_user(user).preferred_language or "de"


def decision_mail(sender, instance, user=None, **kwargs) -> None:
    """After a workflow was approved or rejected: tell the requester (unless they
    decided themselves), with the editors' comment."""
    from wagtail.models import WorkflowState

    from engagement_hub.mailings.api import Recipient, send

    from .invitations import DECISION_MAIL

    requester = instance.requested_by
    if requester is None or not requester.email or requester == user:
        return
    approved = instance.status == WorkflowState.STATUS_APPROVED
    last = instance.task_states.order_by("-finished_at", "-pk").first()
    page = instance.content_object
    send(
        DECISION_MAIL,
        [Recipient(email=requester.email, language=_language(requester))],
        {
            "title": str(page),
            "approved": approved,
            "comment": (last.comment if last else "") or "",
            "edit_url": _edit_url(page),
        },
        key=f"review-decision-{instance.pk}-{instance.status}",
        created_by=user,
    )


def review_request_mail(sender, instance, user=None, **kwargs) -> None:
    """A task of a group approval waits: tell the members of its groups (not the
    one who submitted) in their language, with a link to the page's edit view."""
    from django.contrib.auth import get_user_model

    from engagement_hub.mailings.api import Recipient, send

    from .invitations import REVIEW_REQUEST_MAIL

    task = instance.task.specific
    groups = getattr(task, "groups", None)
    if groups is None:
        return
    reviewers = (
        get_user_model()
        .objects.filter(groups__in=groups.all(), is_active=True)
        .exclude(email="")
        .distinct()
    )
    if user is not None:
        reviewers = reviewers.exclude(pk=user.pk)
    recipients = [
        Recipient(email=reviewer.email, language=_language(reviewer))
        for reviewer in reviewers
    ]
    if not recipients:
        return
    page = instance.workflow_state.content_object
    send(
        REVIEW_REQUEST_MAIL,
        recipients,
        {
            "title": str(page),
            "submitter": (user.get_full_name() or user.email) if user else "",
            "edit_url": _edit_url(page),
        },
        key=f"review-request-{instance.pk}",
        created_by=user,
    )


def _nothing(sender, **kwargs) -> None:
    """Wagtail's mail to superusers that a workflow started: the reviewers' mail
    above says it."""


def connect() -> None:
    """Replace Wagtail's review mails (same dispatch uids, so Wagtail's own
    registration later is a no-op)."""
    from wagtail.models import TaskState, WorkflowState
    from wagtail.signals import (
        task_submitted,
        workflow_approved,
        workflow_rejected,
        workflow_submitted,
    )

    task_submitted.connect(
        review_request_mail,
        sender=TaskState,
        dispatch_uid="group_approval_task_submitted_email_notification",
    )
    workflow_submitted.connect(
        _nothing,
        sender=WorkflowState,
        dispatch_uid="workflow_state_submitted_email_notification",
    )
    workflow_approved.connect(
        decision_mail,
        sender=WorkflowState,
        dispatch_uid="workflow_state_approved_email_notification",
    )
    workflow_rejected.connect(
        decision_mail,
        sender=WorkflowState,
        dispatch_uid="workflow_state_rejected_email_notification",
    )
