"""The editors' list of guides: by next deadline, by last checked, due for a check."""

from datetime import date


def test_admin_lists_guides_by_deadline_and_last_checked(client, funding, admin_user):
    client.force_login(admin_user)
    guide = funding["pages"]["jugend"]
    guide.last_checked = date(2025, 1, 1)
    guide.save_revision().publish()
    url = "/admin/funding_guides/"
    by_deadline = client.get(url)
    assert by_deadline.status_code == 200
    body = by_deadline.content.decode()
    assert body.index("Kulturpreis") < body.index("Jugendfonds")  # 31 Jan < 15 Mar
    by_checked = client.get(url, {"ordering": "last_checked"}).content.decode()
    assert by_checked.index("Jugendfonds") < by_checked.index("Kulturpreis")
    due = client.get(url, {"due_for_check": "true"}).content.decode()
    assert "Jugendfonds" in due and "Kulturpreis" not in due
