"""Importing the town's club list (CSV/XLSX) as drafts, with a dry run; exporting
the directory. Only city editors may do either."""

import csv
import io
import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from engagement_hub.associations import directory_import, representatives
from engagement_hub.associations.models import AssociationPage
from engagement_hub.core.roles import CITY_EDITORS, setup_roles
from tests.associations import factories as clubs

URL = "/admin/associations/import/"
HEADER = "Name;E-Mail;Kategorien;Adresse;Website\r\n"


@pytest.fixture
def directory(site_tree):
    index = clubs.association_index(site_tree["de"])
    terms = clubs.terms(site_tree["locales"][0])
    existing = clubs.association(
        index, "Chor Schlossklang", categories=[terms["sport"]]
    )
    setup_roles()
    User = get_user_model()
    editor = User.objects.create_user("redaktion", "r@example.org", "x")
    editor.groups.add(Group.objects.get(name=CITY_EDITORS))
    rep = User.objects.create_user("vertretung", "v@example.org", "x")
    representatives.grant(rep, existing)
    return {"index": index, "terms": terms, "editor": editor, "rep": rep}


def upload(client, name, content, *, index, action="check"):
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    return client.post(
        URL,
        {"file": SimpleUploadedFile(name, data), "index": index.pk, action: "1"},
    )


def test_windows_1252_csv_with_semicolons_is_checked_then_imported_as_drafts(
    client, directory
):
    client.force_login(directory["editor"])
    content = (
        HEADER
        + "Kleingärtner Süd;vorstand@kg-sued.example;Sport, Kultur;"
        + "Gartenweg 3, 19288 Ludwigslust;kg-sued.example.org\r\n"
        + "Schützenverein 1850;;Sport;;\r\n"
    ).encode("cp1252")
    dry = upload(client, "vereine.csv", content, index=directory["index"])
    assert dry.status_code == 200
    assert "2 Zeilen gelesen, keine Probleme" in dry.content.decode()
    assert AssociationPage.objects.count() == 1

    done = upload(
        client, "vereine.csv", content, index=directory["index"], action="import"
    )
    assert "2 Vereine wurden als Entwürfe importiert" in done.content.decode()
    page = AssociationPage.objects.get(title="Kleingärtner Süd")
    assert not page.live
    assert page.get_parent().pk == directory["index"].pk
    assert (page.street, page.postcode, page.town) == (
        "Gartenweg 3",
        "19288",
        "Ludwigslust",
    )
    assert page.website == "https://kg-sued.example.org"
    assert {c.slug for c in page.categories.all()} == {"sport", "kultur"}
    assert (
        AssociationPage.objects.get(title="Schützenverein 1850").slug
        == "schuetzenverein-1850"
    )
    # The editor can open the draft.
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    directory["index"].refresh_from_db()
    assert directory["index"].numchild == 3


def test_after_a_clean_dry_run_one_click_imports_the_checked_file(
    client, directory, django_capture_on_commit_callbacks
):
    client.force_login(directory["editor"])
    content = HEADER + "Kleingärtner Süd;;Sport;;\r\nAngelverein;;;;\r\n"
    dry = upload(client, "vereine.csv", content, index=directory["index"])
    text = dry.content.decode()
    assert "Diese 2 Vereine als Entwürfe importieren" in text
    token = re.search(r'name="checked" value="([^"]+)"', text)[1]
    # Another editor cannot use the checked file.
    other = get_user_model().objects.create_user("andere", "a@example.org", "x")
    other.groups.add(Group.objects.get(name=CITY_EDITORS))
    client.force_login(other)
    refused = client.post(URL, {"checked": token}).content.decode()
    assert "nicht mehr verfügbar" in refused
    client.force_login(directory["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(URL, {"checked": token})
    assert "2 Vereine wurden als Entwürfe importiert" in done.content.decode()
    assert AssociationPage.objects.filter(live=False).count() == 2
    # A second click (or the back button) imports nothing twice.
    again = client.post(URL, {"checked": token})
    assert again.status_code == 400
    assert "nicht mehr verfügbar" in again.content.decode()
    assert AssociationPage.objects.filter(live=False).count() == 2
    # After the commit a worker puts the drafts in the admin's page search.
    found = client.get("/admin/pages/search/", {"q": "Kleingärtner"})
    assert "Kleingärtner Süd" in found.content.decode()


def test_dry_run_lists_every_rows_problems_and_import_imports_nothing(
    client, directory
):
    client.force_login(directory["editor"])
    content = (
        HEADER
        + "Chor Schlossklang;chor@example.org;Kultur;;\r\n"
        + "Neuer Verein;kein-at-zeichen;Segelfliegen;;\r\n"
        + "Neuer  verein;neu@example.org;;;\r\n"
        + ";leer@example.org;;;\r\n"
        + "Gut;gut@example.org;;;\r\n"
    )
    for action in ("check", "import"):
        response = upload(
            client, "v.csv", content, index=directory["index"], action=action
        )
        text = response.content.decode()
        assert "5 Zeilen gelesen, 5 Probleme gefunden" in text, text
        for expected in (
            "Ein Verein namens „Chor Schlossklang“ steht bereits im Verzeichnis.",
            "„kein-at-zeichen“ ist keine gültige E-Mail-Adresse.",
            "Unbekannte Kategorie „Segelfliegen“.",
            "Derselbe Verein wie in Zeile 3.",
            "Der Name ist leer.",
        ):
            assert expected in text
        assert "<td>2</td>" in text and "<td>5</td>" in text
        assert "<td>6</td>" not in text
    assert AssociationPage.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "v.csv",
            "Name;Website\r\nA;\r\n",
            "Diese Spalten fehlen: E-Mail, Kategorien, Adresse",
        ),
        ("v.pdf", b"%PDF-1.4", "Bitte laden Sie eine CSV- oder XLSX-Datei hoch"),
        ("v.xlsx", b"not a zip", "Diese XLSX-Datei kann nicht gelesen werden"),
        ("v.csv", b"", "ist leer"),
        ("v.csv", HEADER, "keine Vereine"),
    ],
)
def test_unreadable_files_get_a_clear_message(
    client, directory, name, content, message
):
    client.force_login(directory["editor"])
    response = upload(client, name, content, index=directory["index"], action="import")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert AssociationPage.objects.count() == 1


def test_xlsx_import(client, directory):
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "E-Mail", "Kategorien", "Adresse", "Website"])
    sheet.append(["Tafel Ludwigslust", "info@tafel.example", "Kultur", None, None])
    data = io.BytesIO()
    book.save(data)
    client.force_login(directory["editor"])
    upload(client, "v.xlsx", data.getvalue(), index=directory["index"], action="import")
    assert AssociationPage.objects.filter(
        title="Tafel Ludwigslust", live=False
    ).exists()


def test_ten_thousand_rows_in_bounded_time(directory, capsys):
    lines = [HEADER]
    lines += [
        f"Verein {n};v{n}@example.org;Sport;Weg {n}, 19288 Ludwigslust;\r\n"
        for n in range(10_000)
    ]
    data = "".join(lines).encode("cp1252")
    started = time.monotonic()
    rows = directory_import.read_rows("v.csv", data)
    directory_import.check(rows, directory["index"])
    checked = time.monotonic() - started
    assert not any(row.problems for row in rows)
    count = directory_import.import_rows(rows, directory["index"])
    total = time.monotonic() - started
    assert count == 10_000
    assert AssociationPage.objects.filter(live=False).count() == 10_000
    from wagtail.models import Page

    assert not any(Page.find_problems())  # the tree is sound
    with capsys.disabled():
        print(f"\nimport of 10,000 rows: check {checked:.1f} s, total {total:.1f} s")
    assert total < 300


def test_export_csv_and_xlsx_for_city_editors_only(client, directory):
    client.force_login(directory["editor"])
    response = client.get("/admin/associations/?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["Name", "E-Mail", "Kategorien"]
    assert rows[1][0] == "Chor Schlossklang" and rows[1][2] == "Sport"
    xlsx = client.get("/admin/associations/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert sheet["A2"].value == "Chor Schlossklang"
    assert URL in client.get("/admin/associations/").content.decode()

    client.force_login(directory["rep"])
    # Wagtail answers a denied admin view with a redirect to the dashboard.
    denied = client.get("/admin/associations/?export=csv")
    assert denied.status_code == 302 and denied["Location"] == "/admin/"
    assert client.get(URL).status_code == 302
    assert (
        upload(
            client,
            "v.csv",
            HEADER + "X;;;;\r\n",
            index=directory["index"],
            action="import",
        ).status_code
        == 302
    )
    assert AssociationPage.objects.count() == 1
