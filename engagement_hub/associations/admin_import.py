"""Admin: import the town's club list as draft pages (city editors only).

One form, two buttons: "Check the file" (a dry run: a table of every row's
problems, nothing stored) and "Import" (checks again; imports all rows as drafts
in one transaction, or nothing while any row has a problem). The file is sent with
each button, so nothing is kept between the steps."""

from __future__ import annotations

import time

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import directory_import as importer
from .models import AssociationIndexPage


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


def import_view(request):
    indexes = _indexes(request.user)
    if not indexes:
        raise PermissionDenied
    context = {"rows": None, "imported": None, "error": None}
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, indexes=indexes)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            index = form.cleaned_data["index"]
            started = time.monotonic()
            try:
                rows = importer.read_rows(upload.name, upload.read())
            except importer.ImportFileError as error:
                context["error"] = str(error)
            else:
                importer.check(rows, index)
                problems = [
                    (row.number, problem) for row in rows for problem in row.problems
                ]
                context.update(rows=rows, problems=problems, index=index)
                if "import" in request.POST and not problems:
                    count = importer.import_rows(rows, index, request.user)
                    context["imported"] = count
                    context["message"] = ngettext(
                        "%(count)s club was imported as a draft.",
                        "%(count)s clubs were imported as drafts.",
                        count,
                    ) % {"count": count}
                context["seconds"] = round(time.monotonic() - started, 1)
    else:
        form = ImportForm(indexes=indexes)
    context["form"] = form
    invalid = request.method == "POST" and not form.is_valid()
    status = 400 if context["error"] or invalid else 200
    return TemplateResponse(
        request,
        "engagement_hub/associations/admin/import.html",
        context,
        status=status,
    )
