"""The public booking views (routes of RoomPage): request, confirm, manage, iCal."""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import services
from .choices import BookingStatus
from .forms import BookingRequestForm


def _associations(room):
    from django.apps import apps

    if not apps.is_installed("engagement_hub.associations"):
        return []
    model = apps.get_model("engagement_hub_associations", "AssociationPage")
    return list(
        model.objects.live()
        .public()
        .filter(locale_id=room.locale_id)
        .order_by("title")
        .values_list("pk", "title")[:1000]
    )


def _render(room, request, template, context, status=200):
    context = {"page": room, "self": room, **context}
    response = TemplateResponse(
        request, f"engagement_hub/rooms/{template}", context, status=status
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _rate_limited(request, email: str) -> bool:
    """Like the newsletter sign-up: a request sends a confirmation mail."""
    from engagement_hub.core.conf import hub_settings
    from engagement_hub.mailings.views import rate_limited

    return rate_limited(
        request,
        email,
        scope="rooms:request",
        per_address=hub_settings.ROOMS_REQUEST_RATE_PER_ADDRESS,
        per_client=hub_settings.ROOMS_REQUEST_RATE_PER_CLIENT,
    )


def request_view(room, request):
    if not room.takes_requests:
        return HttpResponseRedirect(room.external_booking_url)
    associations = _associations(room)
    if request.method == "POST":
        form = BookingRequestForm(request.POST, room=room, associations=associations)
        if form.is_valid() and _rate_limited(request, form.cleaned_data["email"]):
            form.add_error(
                None,
                _(
                    "Too many booking requests from you in a short time. Please "
                    "wait an hour and try again, or write to the room's contact."
                ),
            )
            return _render(room, request, "request.html", {"form": form}, 429)
        if form.is_valid():
            data = dict(form.cleaned_data)
            if data.get("association"):
                # Link the association in the source language.
                from django.apps import apps

                model = apps.get_model("engagement_hub_associations", "AssociationPage")
                club = model.objects.filter(pk=data["association"]).first()
                data["association"] = club.localized.pk if club else ""
            services.create_request(
                room, data, form.dates, translation.get_language() or "de"
            )
            return HttpResponseRedirect(room.url + room.reverse_subpage("request_sent"))
        status = 400
    else:
        initial = {}
        for name in ("day", "start", "end"):
            if request.GET.get(name):
                initial[name] = request.GET[name][:10]
        form = BookingRequestForm(initial=initial, room=room, associations=associations)
        status = 200
    return _render(room, request, "request.html", {"form": form}, status)


def request_sent_view(room, request):
    return _render(room, request, "request_sent.html", {})


def confirm_view(room, request, token):
    request.hub_personal = True  # a signed link: never cached (core.security)
    booking_request = services.request_for_token(
        token, services.CONFIRM_SALT, max_age=services.CONFIRM_MAX_AGE
    )
    if booking_request is None or booking_request.room.translation_key != (
        room.translation_key
    ):
        return _render(room, request, "invalid_link.html", {}, status=404)
    done = False
    if request.method == "POST":
        services.confirm_request(booking_request)
        done = True
    return _render(
        room,
        request,
        "confirm.html",
        {
            "booking_request": booking_request,
            "done": done or booking_request.confirmed_at is not None,
            "dates": booking_request.bookings.all(),
        },
    )


def manage_view(room, request, token):
    request.hub_personal = True
    booking_request = services.request_for_token(token, services.MANAGE_SALT)
    if booking_request is None or booking_request.room.translation_key != (
        room.translation_key
    ):
        return _render(room, request, "invalid_link.html", {}, status=404)
    cancelled = None
    if request.method == "POST" and request.POST.get("action") == "cancel":
        cancelled = services.cancel_request(booking_request)
    return _render(
        room,
        request,
        "manage.html",
        {
            "booking_request": booking_request,
            "dates": booking_request.bookings.all(),
            "cancelled": cancelled,
            "can_cancel": booking_request.bookings.filter(
                status__in=[
                    BookingStatus.PENDING,
                    BookingStatus.APPROVED,
                    BookingStatus.UNCONFIRMED,
                ]
            ).exists(),
            "token": token,
        },
    )


def ical_view(room, request):
    from .ics import room_feed

    if not room.live:
        raise Http404
    response = HttpResponse(
        room_feed(room), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{room.slug}.ics"'
    return response


def booking_ics_view(room, request, token):
    """The requester's booked dates as .ics (behind the signed link)."""
    from .ics import request_calendar

    request.hub_personal = True
    booking_request = services.request_for_token(token, services.MANAGE_SALT)
    if booking_request is None or booking_request.room.translation_key != (
        room.translation_key
    ):
        return _render(room, request, "invalid_link.html", {}, status=404)
    response = HttpResponse(
        request_calendar(booking_request), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="booking.ics"'
    return response
