"""Public pages of the clubs' self-service: the invitation link (set a password,
become a representative) and the freshness mail's "Yes, still correct" link (GET
asks, only the POST of its button confirms: mail systems' link scanners only GET)."""

from __future__ import annotations

from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from engagement_hub.core.security import personal
from engagement_hub.mailings.tokens import ExpiredToken, InvalidToken

from . import freshness, invitations


@never_cache
def accept(request, token: str):
    invitation = invitations.find(token)
    if invitation is None:
        return render(
            request, "engagement_hub/associations/invitation_invalid.html", status=404
        )
    user = invitations.new_user(invitation)
    form = SetPasswordForm(user, request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            invitations.accept(invitation, form.save(commit=False))
        except invitations.InvitationError as problem:
            error = str(problem)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("wagtailadmin_home")
    return render(
        request,
        "engagement_hub/associations/invitation_accept.html",
        {"form": form, "invitation": invitation, "error": error},
    )


T = "engagement_hub/associations/freshness/"


def _club(check):
    from django.utils.translation import get_language

    pages = freshness.club_pages(check.translation_key)
    if not pages:
        return None
    language = (get_language() or "de")[:2]
    return freshness._page_in(pages, language)


def _problem(request, kind: str, status: int) -> HttpResponse:
    return render(request, T + "problem.html", {"kind": kind}, status=status)


@personal
@require_http_methods(["GET", "POST"])
def confirm_entry(request: HttpRequest, token: str) -> HttpResponse:
    try:
        check = freshness.check_for_token(token)
    except ExpiredToken:
        return _problem(request, "expired", 410)
    except InvalidToken:
        return _problem(request, "invalid", 404)
    club = _club(check)
    if club is None:
        return _problem(request, "invalid", 404)
    context = {
        "club": club,
        "edit_url": reverse("wagtailadmin_pages:edit", args=[club.pk]),
    }
    if check.confirmed_at is not None:
        return render(request, T + "used.html", {**context, "check": check})
    if request.method == "GET":
        return render(request, T + "confirm.html", context)
    try:
        freshness.confirm(token)
    except freshness.AlreadyConfirmed:
        return render(request, T + "used.html", {**context, "check": check})
    except ExpiredToken:
        return _problem(request, "expired", 410)
    except InvalidToken:
        return _problem(request, "invalid", 404)
    return render(request, T + "confirmed.html", context)
