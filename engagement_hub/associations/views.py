"""The public page of an invitation link: set a password, become a representative."""

from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from . import invitations


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
