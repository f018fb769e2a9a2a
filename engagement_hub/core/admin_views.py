"""Admin screen of the personal-data registry: export or erase one address in every
domain that registered its data (engagement_hub.core.personal_data)."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from . import personal_data

PERMISSION = "engagement_hub_core.manage_personal_data"


class AddressForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"))


@require_http_methods(["GET", "POST"])
def personal_data_view(request: HttpRequest) -> HttpResponse:
    """Export (JSON download) or erase everything stored for one address."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if "erase" in request.POST:
            counts = personal_data.erase(
                email, keep_suppression="keep_suppression" in request.POST
            )
            summary = ", ".join(
                f"{key} {value}"
                for kinds in counts.values()
                for key, value in kinds.items()
            )
            messages.success(request, _("Erased: %(counts)s") % {"counts": summary})
            return redirect("engagement_hub_core_personal_data")
        response = HttpResponse(
            json.dumps(personal_data.export(email), indent=2, ensure_ascii=False),
            content_type="application/json",
        )
        response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
        return response
    return render(
        request,
        "engagement_hub/core/admin/personal_data.html",
        {"form": form, "handlers": personal_data.handlers()},
    )
