"""Admin views: send an issue (test or real), follow its progress, read the
delivery report, export or erase an address."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log

from . import newsletters, services
from .admin_forms import SendIssueForm
from .models import Delivery, Mailing, NewsletterPage

TEMPLATES = "engagement_hub/mailings/admin/"
SEND_PERMISSION = "engagement_hub_mailings.add_mailing"
REPORT_PERMISSION = "engagement_hub_mailings.view_subscriber"


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def send_issue(request: HttpRequest, page_id: int) -> HttpResponse:
    """Send a test to oneself, or send/schedule the issue after confirmation. The
    form says how many subscribers it goes to in which language, and what the
    readers of each translation get; "count" recounts for the chosen topics."""
    _require(request, SEND_PERMISSION)
    page = get_object_or_404(NewsletterPage, pk=page_id)
    if request.method == "POST" and "send_test" in request.POST:
        return _send_test(request, page)
    form = SendIssueForm(request.POST or None)
    topic_keys = form.chosen_topics()
    if "count" in request.POST:
        # Recount only: the same choices again, without "please confirm" errors.
        form = SendIssueForm(
            initial={"topics": topic_keys, "send_at": request.POST.get("send_at")}
        )
    elif request.method == "POST" and form.is_valid():
        if not page.live:
            messages.error(request, _("Publish the issue before sending it."))
        else:
            mailing = newsletters.send_issue(
                page,
                topic_keys=form.cleaned_data["topics"],
                user=request.user,
                send_at=form.cleaned_data["send_at"],
            )
            action = "schedule" if mailing.send_at else "send"
            log(page, f"engagement_hub_mailings.{action}", user=request.user)
            messages.success(request, _("The issue is on its way."))
            return redirect("engagement_hub_mailings_admin:report", mailing.pk)
    counts = newsletters.recipient_counts(topic_keys)
    return render(
        request,
        TEMPLATES + "send.html",
        {
            "page": page,
            "form": form,
            "recipients": sum(counts.values()),
            "languages": newsletters.language_statuses(page, counts),
            "can_translate": request.user.has_perm(
                "wagtail_localize.submit_translation"
            ),
            "mailings": _mailings_of(page),
        },
    )


def _send_test(request: HttpRequest, page: NewsletterPage) -> HttpResponse:
    if not request.user.email:
        messages.error(request, _("Your account has no email address."))
    else:
        newsletters.send_test(page, request.user)
        log(page, "engagement_hub_mailings.send_test", user=request.user)
        messages.success(
            request, _("A test was sent to %(email)s.") % {"email": request.user.email}
        )
    return redirect("engagement_hub_mailings_admin:send", page.pk)


def _mailings_of(page: NewsletterPage):
    source = newsletters.source_issue(page)
    return Mailing.objects.filter(page_id=source.pk, is_test=False)[:10]


def mailing_index(request: HttpRequest) -> HttpResponse:
    _require(request, SEND_PERMISSION)
    mailings = Mailing.objects.select_related("page").filter(is_test=False)
    page = Paginator(mailings, 25).get_page(request.GET.get("p"))
    return render(request, TEMPLATES + "index.html", {"mailings": page})


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, mailing_id: int) -> HttpResponse:
    """Progress bar and per-recipient statuses (filterable by status); POST sends
    the deliveries of unknown fate again, after the editor confirmed it."""
    _require(request, SEND_PERMISSION)
    mailing = get_object_or_404(Mailing, pk=mailing_id)
    if request.method == "POST":
        if request.POST.get("confirm_resend"):
            count = services.resend_unknown(mailing.pk)
            messages.success(
                request, _("%(count)s messages are sent again.") % {"count": count}
            )
        else:
            messages.error(request, _("Please confirm that you checked the ESP's log."))
        return redirect("engagement_hub_mailings_admin:report", mailing.pk)
    status = request.GET.get("status", "")
    rows = None
    if request.user.has_perm(REPORT_PERMISSION):
        deliveries = Delivery.objects.filter(mailing=mailing).order_by("pk")
        if status in Delivery.Status.values:
            deliveries = deliveries.filter(status=status)
        rows = Paginator(deliveries, 50).get_page(request.GET.get("p"))
    return render(
        request,
        TEMPLATES + "report.html",
        {
            "mailing": mailing,
            "progress": services.progress(mailing),
            "rows": rows,
            "status": status,
            "statuses": Delivery.Status.choices,
        },
    )


def progress(request: HttpRequest, mailing_id: int) -> JsonResponse:
    """Counts for the progress bar, polled by a few lines of JavaScript."""
    _require(request, SEND_PERMISSION)
    mailing = get_object_or_404(Mailing, pk=mailing_id)
    response = JsonResponse(services.progress(mailing))
    response["Cache-Control"] = "no-store"
    return response
