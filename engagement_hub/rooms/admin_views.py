"""The room managers' screens in the Wagtail admin: the requests of their rooms,
and one request with its dates, the conflicts of each, and the decision (the whole
series or date by date)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Min, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import roles, services
from .models import BookingRequest, BookingStatus

PERMISSION = "engagement_hub_rooms.view_bookingrequest"
FILTERS = ("pending", "decided", "all")


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def request_list_view(request):
    _check(request)
    shown = request.GET.get("status", "pending")
    if shown not in FILTERS:
        shown = "pending"
    requests = (
        BookingRequest.objects.filter(room__in=roles.rooms_managed_by(request.user))
        .exclude(confirmed_at=None)
        .select_related("room")
        .annotate(
            pending=Count("bookings", filter=Q(bookings__status=BookingStatus.PENDING)),
            dates=Count("bookings"),
            first=Min("bookings__starts_at"),
        )
        .order_by("first", "pk")
    )
    if shown == "pending":
        requests = requests.filter(pending__gt=0)
    elif shown == "decided":
        requests = requests.filter(pending=0)
    page = Paginator(requests, 50).get_page(request.GET.get("p"))
    return render(
        request,
        "engagement_hub/rooms/admin/request_list.html",
        {"page_obj": page, "shown": shown, "filters": FILTERS},
    )


def _int_list(values) -> list[int]:
    result = []
    for value in values[:500]:
        try:
            result.append(int(value))
        except (TypeError, ValueError):
            continue
    return result


@require_http_methods(["GET", "POST"])
def request_detail_view(request, pk: int):
    _check(request)
    booking_request = (
        BookingRequest.objects.filter(
            pk=pk, room__in=roles.rooms_managed_by(request.user)
        )
        .select_related("room", "association")
        .first()
    )
    if booking_request is None:
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action", "")
        reason = request.POST.get("reason", "").strip()[:500]
        pending = list(
            booking_request.bookings.filter(status=BookingStatus.PENDING).values_list(
                "pk", flat=True
            )
        )
        chosen = _int_list(request.POST.getlist("booking"))
        if action == "approve_all":
            approved, declined, errors = services.decide(
                booking_request, request.user, approve_pks=pending
            )
        elif action == "decline_all":
            approved, declined, errors = services.decide(
                booking_request, request.user, decline_pks=pending, reason=reason
            )
        elif action == "approve":
            approved, declined, errors = services.decide(
                booking_request, request.user, approve_pks=chosen
            )
        elif action == "decline":
            approved, declined, errors = services.decide(
                booking_request, request.user, decline_pks=chosen, reason=reason
            )
        else:
            approved, declined, errors = [], [], [_("Choose what to do.")]
        if approved:
            messages.success(
                request, _("%(n)s date(s) approved.") % {"n": len(approved)}
            )
        if declined:
            messages.success(
                request, _("%(n)s date(s) declined.") % {"n": len(declined)}
            )
        for error in errors:
            messages.error(request, error)
        if not (approved or declined or errors):
            messages.warning(request, _("No date was chosen or still open."))
        return redirect("engagement_hub_rooms_request", pk=booking_request.pk)
    rows = [
        {
            "booking": booking,
            "conflicts": list(services.conflicts(booking))
            if booking.status in (BookingStatus.PENDING, BookingStatus.APPROVED)
            else [],
        }
        for booking in booking_request.bookings.all()
    ]
    return render(
        request,
        "engagement_hub/rooms/admin/request_detail.html",
        {
            "booking_request": booking_request,
            "rows": rows,
            "has_pending": any(
                r["booking"].status == BookingStatus.PENDING for r in rows
            ),
        },
    )
