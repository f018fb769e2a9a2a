"""Import the town's existing club list (CSV or XLSX) as draft association pages,
and who may import and export the directory.

:func:`read_rows` turns an upload into rows (CSV in UTF-8 or Windows-1252, with
``;``, ``,`` or tab between fields; XLSX's first sheet), :func:`check` finds every
row's problems (a dry run), :func:`import_rows` creates the pages, all or nothing
in one transaction, and only when no row has a problem.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from engagement_hub.core.models import Category
from engagement_hub.core.slugs import ascii_slugify

from .models import AssociationIndexPage, AssociationPage

MAX_ROWS = 20_000
MAX_BYTES = 10 * 1024 * 1024

# Column -> the headings it is recognised by (lower case, German and English).
COLUMNS = {
    "name": ("name", "vereinsname", "verein", "club"),
    "email": (
        "e-mail",
        "email",
        "kontakt",
        "kontaktadresse",
        "contact",
        "contact email",
    ),
    "categories": ("kategorien", "kategorie", "categories", "category"),
    "address": ("adresse", "anschrift", "address"),
    "website": ("website", "webseite", "internet", "homepage", "url"),
}
COLUMN_LABELS = {
    "name": _("Name"),
    "email": _("E-mail"),
    "categories": _("Categories"),
    "address": _("Address"),
    "website": _("Website"),
}
ADDRESS = re.compile(r"^(?P<street>.*?)[,\s]+(?P<postcode>\d{5})\s+(?P<town>.+)$")


class ImportFileError(Exception):
    """The file as a whole cannot be read (type, encoding, columns, size)."""


@dataclass
class Row:
    number: int  # the line (CSV) or row (XLSX) in the file, the heading being 1
    values: dict
    problems: list = field(default_factory=list)
    categories: list = field(default_factory=list)


def can_manage_directory(user, index: AssociationIndexPage | None = None) -> bool:
    """City editors: who may publish the association directory."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    indexes = [index] if index else AssociationIndexPage.objects.all()
    return any(page.permissions_for_user(user).can_publish() for page in indexes)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # every byte is a character: nothing is lost


def _csv_rows(data: bytes) -> list[list[str]]:
    text = _decode(data)
    if "\x00" in text:
        raise ImportFileError(
            _("This file is not a CSV or XLSX table. Please save it as CSV or XLSX.")
        )
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(
            _("This XLSX file cannot be read. Please save it again as XLSX or CSV.")
        ) from error
    sheet = book.worksheets[0]
    rows = [
        ["" if cell is None else str(cell) for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    book.close()
    return rows


def read_rows(name: str, data: bytes) -> list[Row]:
    """The rows of an uploaded file, by column; raises ImportFileError."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 10 MB."))
    lower = name.lower()
    if lower.endswith(".xlsx"):
        table = _xlsx_rows(data)
    elif lower.endswith((".csv", ".txt")):
        table = _csv_rows(data)
    else:
        raise ImportFileError(
            _("Please upload a CSV or XLSX file (ending .csv or .xlsx).")
        )
    while table and not any(cell.strip() for cell in table[-1]):
        table.pop()
    if not table:
        raise ImportFileError(_("The file is empty."))
    headings = [cell.strip().lower() for cell in table[0]]
    positions, missing = {}, []
    for column, names in COLUMNS.items():
        found = next((i for i, h in enumerate(headings) if h in names), None)
        if found is None:
            missing.append(str(COLUMN_LABELS[column]))
        positions[column] = found
    if missing:
        raise ImportFileError(
            _(
                "These columns are missing: %(missing)s. The first row must name the "
                "columns Name, E-mail, Categories, Address and Website."
            )
            % {"missing": ", ".join(missing)}
        )
    if len(table) - 1 > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(max)s rows. Please split it.")
            % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
        )
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {
            column: (cells[i].strip() if i < len(cells) else "")
            for column, i in positions.items()
        }
        rows.append(Row(number, values))
    if not rows:
        raise ImportFileError(_("The file has column headings but no clubs."))
    return rows


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def check(rows: list[Row], index: AssociationIndexPage) -> list[Row]:
    """Every row's problems (in place; returns the rows)."""
    terms = {}
    for term in Category.objects.filter(locale_id=index.locale_id):
        terms[_key(term.name)] = term
        terms[_key(term.slug)] = term
    existing = {
        _key(title)
        for title in AssociationPage.objects.child_of(index).values_list(
            "title", flat=True
        )
    }
    seen: dict[str, int] = {}
    url = URLValidator(schemes=["http", "https"])
    for row in rows:
        values = row.values
        name = values["name"]
        if not name:
            row.problems.append(_("The name is empty."))
        elif len(name) > 255:
            row.problems.append(_("The name is longer than 255 characters."))
        else:
            key = _key(name)
            if key in existing:
                row.problems.append(
                    _("A club called “%(name)s” is already in the directory.")
                    % {"name": name}
                )
            elif key in seen:
                row.problems.append(
                    _("The same club as in row %(row)s.") % {"row": seen[key]}
                )
            else:
                seen[key] = row.number
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                row.problems.append(
                    _("“%(email)s” is not a valid e-mail address.")
                    % {"email": values["email"]}
                )
        for raw in re.split(r"[,|/]", values["categories"]):
            if not raw.strip():
                continue
            term = terms.get(_key(raw))
            if term is None:
                row.problems.append(
                    _("Unknown category “%(category)s”.") % {"category": raw.strip()}
                )
            elif term not in row.categories:
                row.categories.append(term)
        website = values["website"]
        if website:
            if not website.startswith(("http://", "https://")):
                website = values["website"] = f"https://{website}"
            try:
                url(website)
            except ValidationError:
                row.problems.append(
                    _("“%(website)s” is not a web address.") % {"website": website}
                )
        if values["address"] and len(values["address"]) > 200:
            row.problems.append(_("The address is longer than 200 characters."))
    return rows


def _page(row: Row, index: AssociationIndexPage, slug: str) -> AssociationPage:
    values = row.values
    street, postcode, town = values["address"], "", ""
    match = ADDRESS.match(values["address"])
    if match:
        street, postcode, town = match["street"], match["postcode"], match["town"]
    page = AssociationPage(
        title=values["name"],
        slug=slug,
        locale_id=index.locale_id,
        live=False,
        has_unpublished_changes=True,
        contact_email=values["email"],
        website=values["website"],
        street=street[:200],
        postcode=postcode,
        short_description="",
        draft_title=values["name"],
    )
    if town:
        page.town = town[:100]
    page.categories = row.categories
    return page


@transaction.atomic
def import_rows(rows: list[Row], index: AssociationIndexPage, user=None) -> int:
    """Create a draft page per row under ``index``; nothing if any row has a problem
    (returns 0). One transaction: a failure leaves nothing half imported.

    Bulk inserts (the tree paths computed here, as treebeard would): saving 10,000
    pages one by one with every signal takes minutes. After the commit a worker adds
    the drafts to the admin's search index (``tasks.index_imported``)."""
    from wagtail.models import Page

    if any(row.problems for row in rows):
        return 0
    index = AssociationIndexPage.objects.select_for_update().get(pk=index.pk)
    slugs = set(index.get_children().values_list("slug", flat=True))
    last = index.get_children().order_by("-path").first()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    pages = []
    for row in rows:
        base = ascii_slugify(row.values["name"])[:70] or "verein"
        slug, suffix = base, 2
        while slug in slugs:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        slugs.add(slug)
        step += 1
        page = _page(row, index, slug)
        page.depth = index.depth + 1
        page.path = Page._get_path(index.path, page.depth, step)
        page.url_path = f"{index.url_path}{slug}/"
        page.owner = user
        pages.append(page)
    Page.objects.bulk_create(pages, batch_size=500)  # the base rows; sets ``id``
    for page in pages:
        page.page_ptr_id = page.id
    fields = AssociationPage._meta.local_concrete_fields
    for start in range(0, len(pages), 200):
        AssociationPage._base_manager._insert(pages[start : start + 200], fields=fields)
    through = AssociationPage.categories.through
    through.objects.bulk_create(
        [
            through(associationpage_id=page.pk, category_id=category.pk)
            for page, row in zip(pages, rows, strict=True)
            for category in row.categories
        ],
        batch_size=1000,
    )
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(pages))
    ids = [page.pk for page in pages]
    transaction.on_commit(lambda: _index_later(ids))
    return len(pages)


def _index_later(page_ids: list[int]) -> None:
    from .tasks import index_imported

    index_imported.delay(page_ids)
