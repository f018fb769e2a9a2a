"""Public pages of the newsletter: sign-up, confirmation, preferences, unsubscribe.

No page says whether an address is known. Links in mails carry signed tokens; a GET
never changes anything (link scanners follow links), a POST does.
"""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from engagement_hub.core.client_ip import client_ip
from engagement_hub.core.conf import hub_settings
from engagement_hub.core.security import personal

from . import subscriptions, tokens
from .forms import PreferencesForm, SubscribeForm
from .models import Subscriber, Topic

TEMPLATE_DIR = "engagement_hub/mailings/public/"
HOUR = 3600


def _over_limit(key: str, limit: int) -> bool:
    """Count one attempt for ``key``; True once more than ``limit`` in an hour."""
    cache.add(key, 0, HOUR)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, HOUR)
        count = 1
    return count > limit


def rate_limited(
    request: HttpRequest,
    email: str,
    *,
    scope: str = "mailings:signup",
    per_address: int | None = None,
    per_client: int | None = None,
) -> bool:
    """Count one attempt of ``email`` from the request's client under ``scope``;
    True once either is over its hourly limit (by default the newsletter
    sign-up's). Other forms that send a confirmation mail (a room booking
    request) pass their own scope and limits."""
    if per_address is None:
        per_address = hub_settings.NEWSLETTER_SIGNUP_RATE_PER_ADDRESS
    if per_client is None:
        per_client = hub_settings.NEWSLETTER_SIGNUP_RATE_PER_CLIENT
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    by_address = _over_limit(f"{scope}:address:{digest}", per_address)
    by_client = _over_limit(f"{scope}:client:{client_ip(request)}", per_client)
    return by_address or by_client


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """Sign-up: the same answer for new, pending and subscribed addresses."""
    if request.method == "GET":
        return _subscribe_page(request, SubscribeForm())
    form = SubscribeForm(request.POST)
    if form.is_bot():
        return redirect("engagement_hub_mailings:subscribe_done")
    if not form.is_valid():
        return _subscribe_page(request, form, status=400)
    if rate_limited(request, form.cleaned_data["email"]):
        messages.error(
            request,
            _("Too many sign-up attempts. Please wait an hour and try again."),
        )
        return _subscribe_page(request, form, status=429)
    subscriptions.request_subscription(
        form.cleaned_data["email"],
        form.cleaned_data["language"],
        list(form.cleaned_data["topics"]),
        source_url=request.POST.get("source", "")[:500],
        ip=client_ip(request),
    )
    return redirect("engagement_hub_mailings:subscribe_done")


def _subscribe_page(request, form, status: int = 200) -> HttpResponse:
    return render(
        request, TEMPLATE_DIR + "subscribe.html", {"form": form}, status=status
    )


def subscribe_done(request: HttpRequest) -> HttpResponse:
    return render(request, TEMPLATE_DIR + "subscribe_done.html")


def _invalid(request: HttpRequest, expired: bool = False) -> HttpResponse:
    return render(
        request, TEMPLATE_DIR + "invalid_link.html", {"expired": expired}, status=400
    )


@personal
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; only its POST confirms (link scanners only GET)."""
    try:
        subscriptions.subscriber_for_confirmation(token)
    except tokens.ExpiredToken:
        return _invalid(request, expired=True)
    except tokens.InvalidToken:
        return _invalid(request)
    if request.method == "GET":
        return render(request, TEMPLATE_DIR + "confirm.html")
    try:
        subscriber = subscriptions.confirm(token, ip=client_ip(request))
    except tokens.InvalidToken:
        return _invalid(request)
    return render(
        request,
        TEMPLATE_DIR + "confirmed.html",
        {"preferences_token": tokens.make(tokens.PREFERENCES_SALT, s=subscriber.pk)},
    )


@personal
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = subscriptions.subscriber_for(token, tokens.PREFERENCES_SALT)
    except tokens.InvalidToken:
        return _invalid(request)
    if subscriber is None:
        return _invalid(request)
    if request.method == "GET":
        form = PreferencesForm(initial=_initial(subscriber))
        return _preferences_page(request, form, token)
    form = PreferencesForm(request.POST)
    if not form.is_valid():
        return _preferences_page(request, form, token, status=400)
    subscriptions.update_preferences(
        subscriber, form.cleaned_data["language"], list(form.cleaned_data["topics"])
    )
    messages.success(request, _("Your settings are saved."))
    return redirect("engagement_hub_mailings:preferences", token=token)


def _initial(subscriber: Subscriber) -> dict:
    keys = subscriber.topics.values_list("translation_key", flat=True)
    return {
        "language": subscriber.language,
        "topics": Topic.objects.filter(translation_key__in=list(keys)),
    }


def _preferences_page(request, form, token, status: int = 200) -> HttpResponse:
    return render(
        request,
        TEMPLATE_DIR + "preferences.html",
        {"form": form, "unsubscribe_token": _unsubscribe_token(token)},
        status=status,
    )


def _unsubscribe_token(preferences_token: str) -> str:
    payload = tokens.read(tokens.PREFERENCES_SALT, preferences_token)
    return tokens.make(tokens.UNSUBSCRIBE_SALT, **payload)


@csrf_exempt  # RFC 8058: mail providers POST without cookies or form tokens.
@personal
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for confirmation; POST (the one-click request too) unsubscribes."""
    try:
        tokens.read(tokens.UNSUBSCRIBE_SALT, token)
        if request.method == "POST":
            subscriptions.unsubscribe(token)
    except tokens.InvalidToken:
        return _invalid(request)
    template = "unsubscribed.html" if request.method == "POST" else "unsubscribe.html"
    return render(request, TEMPLATE_DIR + template)
