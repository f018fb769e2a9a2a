"""Admin: import the town's club list as draft pages (city editors only).

The form has two buttons: "Check the file" (a dry run: a table of every row's
problems, nothing stored) and "Import" (checks again; imports all rows as drafts
in one transaction, or nothing while any row has a problem). After a dry run
without problems the checked file is kept in the cache for ``CHECKED_FILE_SECONDS``
(for the editor who checked it, for one import), so that "Import these clubs"
needs no second upload; if it has gone meanwhile, the page says so.
"""

from __future__ import annotations

import secrets
import time

from django import forms
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import directory_import as importer
from .models import AssociationIndexPage

# How long a checked file waits for its import (it holds the clubs' addresses).
CHECKED_FILE_SECONDS = 3600


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Club list (CSV or XLSX)"),
        help_text=_(
            "First row: Name, E-mail, Categories, Address, Website. Several "
            "categories separated by commas. CSV in UTF-8 or Windows-1252, separated "
            "by semicolons or commas."
        ),
    )
    index = forms.ModelChoiceField(
        label=_("Directory"),
        queryset=AssociationIndexPage.objects.none(),
        empty_label=None,
    )

    def __init__(self, *args, indexes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["index"].queryset = AssociationIndexPage.objects.filter(
            pk__in=[i.pk for i in indexes]
        ).select_related("locale")
        self.fields["index"].label_from_instance = lambda page: (
            f"{page.title} ({page.locale.get_display_name()})"
        )


def _indexes(user) -> list[AssociationIndexPage]:
    return [
        index
        for index in AssociationIndexPage.objects.order_by("path")
        if importer.can_manage_directory(user, index)
    ]


def _checked_key(token: str) -> str:
    return f"eh:associations:import:{token}"


def import_view(request):
    indexes = _indexes(request.user)
    if not indexes:
        raise PermissionDenied
    context = {"rows": None, "imported": None, "error": None, "checked": None}
    form = ImportForm(indexes=indexes)
    if request.method == "POST" and "checked" in request.POST:
        _import_checked(request, indexes, context)
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES, indexes=indexes)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            _check_and_import(
                request,
                context,
                name=upload.name,
                content=upload.read(),
                index=form.cleaned_data["index"],
                do_import="import" in request.POST,
            )
    context["form"] = form
    invalid = request.method == "POST" and form.is_bound and not form.is_valid()
    status = 400 if context["error"] or invalid else 200
    return TemplateResponse(
        request,
        "engagement_hub/associations/admin/import.html",
        context,
        status=status,
    )


def _import_checked(request, indexes, context) -> None:
    """ "Import these clubs": the file of the dry run, once, for whoever checked it."""
    key = _checked_key(request.POST.get("checked", "")[:100])
    stored = cache.get(key)
    index = None
    if stored is not None and stored["user"] == request.user.pk:
        index = next((i for i in indexes if i.pk == stored["index"]), None)
    # ``delete`` says whether it was still there: a second click imports nothing.
    if index is None or not cache.delete(key):
        context["error"] = _(
            "The checked file is no longer available (it is kept for an hour, for "
            "one import). Please choose it again."
        )
        return
    _check_and_import(
        request,
        context,
        name=stored["name"],
        content=stored["content"],
        index=index,
        do_import=True,
    )


def _check_and_import(request, context, *, name, content, index, do_import) -> None:
    started = time.monotonic()
    try:
        rows = importer.read_rows(name, content)
    except importer.ImportFileError as error:
        context["error"] = str(error)
        return
    importer.check(rows, index)
    problems = [(row.number, problem) for row in rows for problem in row.problems]
    context.update(rows=rows, problems=problems, index=index, file_name=name)
    if do_import and not problems:
        count = importer.import_rows(rows, index, request.user)
        context["imported"] = count
        context["message"] = ngettext(
            "%(count)s club was imported as a draft.",
            "%(count)s clubs were imported as drafts.",
            count,
        ) % {"count": count}
    elif not problems:
        token = secrets.token_urlsafe(24)
        cache.set(
            _checked_key(token),
            {
                "user": request.user.pk,
                "index": index.pk,
                "name": name,
                "content": content,
            },
            CHECKED_FILE_SECONDS,
        )
        context["checked"] = token
    context["seconds"] = round(time.monotonic() - started, 1)
