"""Review by default: the workflow the hub sets up for the directories, and the
decision mail to whoever submitted (through the mail API, in their language).

:func:`setup_review_workflow` (called by ``setup_roles``) creates the workflow
"Prüfung durch die Stadtredaktion" with one group approval task for the city
editors and assigns it to the association and offer directories (every locale),
where no workflow is assigned yet. Wagtail's own approval and rejection mails are
replaced by :func:`decision_mail` (same dispatch uids), so each requester gets
exactly one mail.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from engagement_hub.core.roles import CITY_EDITORS

WORKFLOW_NAME = "Prüfung durch die Stadtredaktion"
TASK_NAME = "Freigabe durch die Stadtredaktion"


def directory_pages():
    from engagement_hub.associations.models import AssociationIndexPage

    pages = list(AssociationIndexPage.objects.all())
    try:
        from engagement_hub.offers.models import OfferIndexPage
    except ImportError:  # pragma: no cover - the offers app is optional
        return pages
    return pages + list(OfferIndexPage.objects.all())


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


def connect() -> None:
    """Replace Wagtail's approval and rejection mails (same dispatch uids, so
    Wagtail's own registration later is a no-op)."""
    from wagtail.models import WorkflowState
    from wagtail.signals import workflow_approved, workflow_rejected

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
