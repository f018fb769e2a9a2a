"""Error pages keep the hub's layout and the visitor's language."""

from pytest_django.asserts import assertContains, assertNotContains


def test_unknown_address_gives_a_german_404_in_the_hub_layout(site_tree, client):
    response = client.get("/de/gibt-es-nicht/")

    assert response.status_code == 404
    assertContains(response, '<html lang="de">', status_code=404)
    assertContains(
        response, "<h1>Seite nicht gefunden</h1>", html=True, status_code=404
    )
    assertContains(response, "Zum Hauptinhalt springen", status_code=404)
    assertContains(response, 'href="/de/suche/"', status_code=404)
    assertContains(response, 'class="site-footer"', status_code=404)


def test_english_404_is_english(site_tree, client):
    response = client.get("/en/does-not-exist/")

    assert response.status_code == 404
    assertContains(response, '<html lang="en">', status_code=404)
    assertContains(response, "<h1>Page not found</h1>", html=True, status_code=404)


def test_404_switches_language_to_the_other_home_page(site_tree, client):
    response = client.get("/de/gibt-es-nicht/")

    # Not to /en/gibt-es-nicht/, which does not exist either.
    assertContains(
        response,
        '<a href="/en/" lang="en" hreflang="en">English</a>',
        html=True,
        status_code=404,
    )
    assertNotContains(response, 'rel="alternate"', status_code=404)


def test_500_page_is_plain_and_bilingual(client):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")

    assert "Ein Fehler ist aufgetreten" in html
    assert "An error occurred" in html
    # It must render without database or template tags that could fail again.
    assert "{%" not in html


def test_bad_request_gives_a_german_400_in_the_hub_layout(site_tree, client):
    response = client.get("/de/", headers={"host": "evil.example"})

    assert response.status_code == 400
    assertContains(response, "<h1>Ungültige Anfrage</h1>", html=True, status_code=400)
    assertContains(response, "Zum Hauptinhalt springen", status_code=400)
    assertNotContains(response, "evil.example", status_code=400)
