"""Admin views of a club's representatives: the list, inviting, revoking (city
editors: ``add_representativeinvitation``), and "Our club" for the representatives
themselves."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from . import club_overview, invitations, representatives
from .models import AssociationPage

INVITE = "engagement_hub_associations.add_representativeinvitation"


class InviteForm(forms.Form):
    email = forms.CharField(label=_("Email address"), max_length=254)
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        initial="de",
    )


def _club(request, page_id: int) -> AssociationPage:
    if not request.user.has_perm(INVITE):
        raise PermissionDenied
    return get_object_or_404(AssociationPage, pk=page_id)


def club_representatives(request, page_id: int):
    club = _club(request, page_id)
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitations.invite(
                club,
                form.cleaned_data["email"],
                form.cleaned_data["language"],
                invited_by=request.user,
            )
        except invitations.InvitationError as error:
            form.add_error("email", str(error))
        else:
            if invitation.user_id:
                messages.success(
                    request,
                    _("%(email)s now represents this club too and was told so.")
                    % {"email": invitation.email},
                )
            else:
                messages.success(
                    request,
                    _("The invitation was sent to %(email)s.")
                    % {"email": invitation.email},
                )
            return redirect("engagement_hub_associations_admin:club", club.pk)
    return render(
        request,
        "engagement_hub/associations/admin/representatives.html",
        {
            "club": club,
            "form": form,
            "people": invitations.representatives_of(club),
            "pending": invitations.pending_invitations(club),
        },
    )


def revoke(request, page_id: int, user_id: int):
    club = _club(request, page_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    user = get_object_or_404(invitations.representatives_of(club), pk=user_id)
    representatives.revoke(user, club)
    messages.success(
        request,
        _("%(email)s no longer represents this club.") % {"email": user.email},
    )
    return redirect("engagement_hub_associations_admin:club", club.pk)


def our_club(request):
    """What the user's own clubs have elsewhere in the hub (empty for anybody who
    represents no club); never another club's data."""
    clubs = representatives.clubs_of(request.user)
    sections = club_overview.sections_for(club.translation_key for club in clubs)
    return render(
        request,
        "engagement_hub/associations/admin/our_club.html",
        {"clubs": clubs, "sections": sections},
    )
