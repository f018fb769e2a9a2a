"""Admin of the dates: per date its time, status, capacity and note (a move or a
cancellation mails everyone involved), invitations with the audience and their
send progress, who was invited and who replied what, the waiting list, a CSV
export, the minutes and "send minutes". Personal data only with
``view_registrations``."""

from __future__ import annotations

import csv

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.documents.widgets import AdminDocumentChooser
from wagtail.models import Locale

from engagement_hub.mailings.services import progress

from . import invitations, notify
from .models import Invitation, Occurrence, Rsvp
from .rsvp import counts, move_up

T = "engagement_hub/meetings/admin/"
VIEW = "engagement_hub_meetings.view_occurrence"
CHANGE = "engagement_hub_meetings.change_occurrence"
REGISTRATIONS = "engagement_hub_meetings.view_registrations"
INVITE = "engagement_hub_meetings.add_invitation"


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


class DateForm(forms.ModelForm):
    class Meta:
        model = Occurrence
        fields = ["starts_at", "ends_at", "status", "capacity", "note"]
        widgets = {
            "starts_at": AdminDateTimeInput(),
            "ends_at": AdminDateTimeInput(),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The end must be after the start."))
        return data


class MinutesForm(forms.ModelForm):
    class Meta:
        model = Occurrence
        fields = ["minutes", "minutes_document", "attendance"]
        widgets = {"minutes_document": AdminDocumentChooser()}


class InviteForm(forms.Form):
    all_associations = forms.BooleanField(
        label=gettext_lazy("All associations"), required=False
    )
    categories = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Associations of these topics"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    districts = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Associations in these districts"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Associations for these target groups"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    subscribers = forms.BooleanField(
        label=gettext_lazy('Newsletter subscribers of the topic "meetings"'),
        required=False,
    )
    addresses = forms.CharField(
        label=gettext_lazy("More addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One per line, or separated by commas."),
    )
    whole_series = forms.BooleanField(
        label=gettext_lazy("Invite to the series"),
        required=False,
        help_text=gettext_lazy(
            "The mail also names the next dates and links the series' calendar feed."
        ),
    )
    address_language = forms.ChoiceField(
        label=gettext_lazy("Language of these addresses"),
        choices=[("de", "Deutsch"), ("en", "English")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from engagement_hub.core.models import Category, District, TargetGroup

        default = Locale.get_default()
        self.fields["categories"].queryset = Category.objects.filter(locale=default)
        self.fields["districts"].queryset = District.objects.filter(locale=default)
        self.fields["target_groups"].queryset = TargetGroup.objects.filter(
            locale=default
        )

    def clean_addresses(self):
        try:
            return invitations.parse_addresses(self.cleaned_data["addresses"])
        except ValidationError:
            raise ValidationError(
                _("Please check the addresses: one of them is not valid.")
            ) from None

    def choice(self) -> invitations.AudienceChoice:
        data = self.cleaned_data
        return invitations.AudienceChoice(
            all_associations=data["all_associations"],
            categories=sorted(item.pk for item in data["categories"]),
            districts=sorted(item.pk for item in data["districts"]),
            target_groups=sorted(item.pk for item in data["target_groups"]),
            subscribers=data["subscribers"],
            addresses=data["addresses"],
            address_language=data["address_language"],
            whole_series=data["whole_series"],
        )


def index(request):
    _require(request, VIEW)
    now = timezone.now()
    show = request.GET.get("show", "upcoming")
    rows = Occurrence.objects.select_related("meeting")
    if show == "past":
        rows = rows.filter(starts_at__lt=now).order_by("-starts_at")
    else:
        show = "upcoming"
        rows = rows.filter(starts_at__gte=now).order_by("starts_at")
    page_number = request.GET.get("p", "1")
    dates = Paginator(rows, 50).get_page(page_number if page_number.isdigit() else 1)
    return render(request, T + "index.html", {"dates": dates, "show": show})


@require_http_methods(["GET", "POST"])
def detail(request, pk: int):
    _require(request, VIEW)
    occurrence = get_object_or_404(Occurrence.objects.select_related("meeting"), pk=pk)
    can_change = request.user.has_perm(CHANGE)
    date_form = DateForm(instance=occurrence)
    minutes_form = MinutesForm(instance=occurrence)
    if request.method == "POST":
        _require(request, CHANGE)
        action = request.POST.get("action")
        if action == "date":
            date_form = DateForm(request.POST, instance=occurrence)
            if date_form.is_valid():
                _save_date(occurrence, date_form)
                messages.success(request, _("The date is saved."))
                return redirect("engagement_hub_meetings_admin:detail", pk)
        elif action == "minutes":
            minutes_form = MinutesForm(request.POST, instance=occurrence)
            if minutes_form.is_valid():
                minutes_form.save()
                messages.success(request, _("The minutes are saved."))
                return redirect("engagement_hub_meetings_admin:detail", pk)
        elif action == "send_minutes":
            if not occurrence.is_past or not (
                occurrence.minutes or occurrence.minutes_document_id
            ):
                messages.error(request, _("Add the minutes of a past date first."))
            else:
                notify.send_minutes(occurrence, user=request.user)
                messages.success(request, _("The minutes are being sent."))
            return redirect("engagement_hub_meetings_admin:detail", pk)
    context = {
        "occurrence": occurrence,
        "counts": counts(occurrence),
        "date_form": date_form,
        "minutes_form": minutes_form,
        "can_change": can_change,
        "can_invite": request.user.has_perm(INVITE) and occurrence.is_open,
        "can_see_people": request.user.has_perm(REGISTRATIONS),
        "mailings": _mailings(occurrence),
    }
    if context["can_see_people"]:
        context["rsvps"] = occurrence.rsvps.select_related("association").order_by(
            "status", "waitlisted_at", "created_at"
        )
        context["waitlist"] = occurrence.rsvps.filter(
            status=Rsvp.Status.WAITLISTED
        ).order_by("waitlisted_at", "pk")
        context["invited"] = occurrence.invitations.select_related(
            "association"
        ).order_by("email")[:500]
        context["invited_count"] = occurrence.invitations.count()
    return render(request, T + "detail.html", context)


def _save_date(occurrence: Occurrence, form: DateForm) -> None:
    before = Occurrence.objects.get(pk=occurrence.pk)
    changed = form.instance
    moved = (before.starts_at, before.ends_at) != (changed.starts_at, changed.ends_at)
    cancelled = (
        changed.status == Occurrence.Status.CANCELLED
        and before.status != Occurrence.Status.CANCELLED
    )
    if moved and changed.status == Occurrence.Status.SCHEDULED:
        changed.status = Occurrence.Status.MOVED
    if moved or cancelled or before.status != changed.status:
        changed.sequence = before.sequence + 1
    with transaction.atomic():
        form.save()
        if changed.capacity != before.capacity and not cancelled:
            move_up(Occurrence.objects.select_for_update().get(pk=occurrence.pk))
        if moved or cancelled:
            transaction.on_commit(lambda: notify.date_changed(occurrence.pk))
    from engagement_hub.core import pagecache

    pagecache.purge()


def _mailings(occurrence: Occurrence) -> list[dict]:
    from engagement_hub.mailings.models import Mailing

    ids = (
        Invitation.objects.filter(occurrence=occurrence)
        .exclude(mailing=None)
        .values_list("mailing_id", flat=True)
        .distinct()
    )
    keys = [
        f"meeting-update:{occurrence.pk}:",
        f"meeting-reminder:{occurrence.pk}:",
        f"meeting-minutes:{occurrence.pk}",
    ]
    rows = list(Mailing.objects.filter(pk__in=list(ids)))
    for prefix in keys:
        rows.extend(Mailing.objects.filter(key__startswith=prefix))
    return [
        {"mailing": mailing, "progress": progress(mailing)}
        for mailing in sorted({m.pk: m for m in rows}.values(), key=lambda m: m.pk)
    ]


@require_http_methods(["GET", "POST"])
def invite(request, pk: int):
    _require(request, INVITE)
    occurrence = get_object_or_404(Occurrence.objects.select_related("meeting"), pk=pk)
    if not occurrence.is_open:
        messages.error(request, _("This date is over or cancelled; no invitations."))
        return redirect("engagement_hub_meetings_admin:detail", pk)
    form = InviteForm(request.POST or None)
    counts = None
    if request.method == "POST" and form.is_valid() and "count" in request.POST:
        counts = invitations.count_by_language(form.choice())
    elif request.method == "POST" and form.is_valid():
        try:
            invitations.invite(occurrence, form.choice(), user=request.user)
        except invitations.EmptyAudience:
            form.add_error(
                None,
                _(
                    "Nobody is in this audience. Choose associations, subscribers "
                    "or addresses."
                ),
            )
        else:
            messages.success(request, _("The invitations are being sent."))
            return redirect("engagement_hub_meetings_admin:detail", pk)
    languages = dict(settings.LANGUAGES)
    return render(
        request,
        T + "invite.html",
        {
            "occurrence": occurrence,
            "form": form,
            "counts": counts,
            "total": sum(counts.values()) if counts else 0,
            "count_rows": [
                (str(languages.get(code, code)), number)
                for code, number in sorted((counts or {}).items())
            ],
        },
    )


def export_csv(request, pk: int):
    _require(request, REGISTRATIONS)
    occurrence = get_object_or_404(Occurrence, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    local = timezone.localtime(occurrence.starts_at)
    response["Content-Disposition"] = (
        f'attachment; filename="meeting-{local:%Y-%m-%d}-{occurrence.pk}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Email"),
            _("Name"),
            _("Association"),
            _("Answer"),
            _("Status"),
            _("People"),
            _("Answered at"),
        ]
    )
    for rsvp in occurrence.rsvps.select_related("association").order_by("created_at"):
        writer.writerow(
            [
                _safe(rsvp.email),
                _safe(rsvp.name),
                _safe(rsvp.association.title if rsvp.association else ""),
                rsvp.get_answer_display(),
                rsvp.get_status_display(),
                rsvp.people,
                timezone.localtime(rsvp.updated_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    invited = set(occurrence.rsvps.values_list("email", flat=True))
    for invitation in occurrence.invitations.select_related("association").order_by(
        "email"
    ):
        if invitation.email in invited:
            continue
        writer.writerow(
            [
                _safe(invitation.email),
                "",
                _safe(invitation.association.title if invitation.association else ""),
                _("no answer"),
                _("invited"),
                "",
                "",
            ]
        )
    return response


def _safe(value: str) -> str:
    """No formula injection in spreadsheets."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
