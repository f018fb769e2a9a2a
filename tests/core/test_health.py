"""/health/ tells an operator whether the database and the broker are reachable."""

import pytest

from engagement_hub.core.models import WorkerHeartbeat

UNREACHABLE = "redis://hub-user:s3cret-broker-password@127.0.0.1:1/0"


@pytest.fixture
def filesystem_broker(settings, tmp_path):
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(tmp_path / "queue"),
        "data_folder_out": str(tmp_path / "queue"),
        "control_folder": str(tmp_path / "control"),
    }


TOKEN = "health-token-for-monitoring-0123456789"


@pytest.fixture
def token(settings):
    settings.ENGAGEMENT_HUB_HEALTH_TOKEN = TOKEN
    return {"HTTP_X_HEALTH_TOKEN": TOKEN}


def test_public_callers_learn_only_ok(db, client, filesystem_broker, token):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_public_callers_learn_only_unavailable(db, client, settings):
    settings.CELERY_BROKER_URL = UNREACHABLE
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}

    response = client.get("/health/", HTTP_X_HEALTH_TOKEN="guessed")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_staff_see_the_details(db, admin_client, filesystem_broker):
    assert admin_client.get("/health/").json()["database"]["ok"] is True


def test_healthy(db, client, filesystem_broker, token):
    response = client.get("/health/", **token)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    data = response.json()
    assert data["status"] == "ok"
    assert data["database"]["ok"] is True
    assert data["broker"]["ok"] is True
    assert data["worker_last_seen"] is None


def test_reports_the_last_worker_heartbeat(db, client, filesystem_broker, token):
    from engagement_hub.core.tasks import heartbeat

    heartbeat.delay()  # eager in tests: runs here

    seen = WorkerHeartbeat.objects.get(name="default").seen_at
    response = client.get("/health/", HTTP_X_HEALTH_TOKEN=TOKEN)
    assert response.json()["worker_last_seen"] == seen.isoformat()


def test_unreachable_broker_gives_503_without_secrets(db, client, settings, token):
    settings.CELERY_BROKER_URL = UNREACHABLE
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}

    response = client.get("/health/", **token)

    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "unavailable"
    assert data["broker"]["ok"] is False
    assert data["database"]["ok"] is True
    body = response.content.decode()
    for secret in ("s3cret", "hub-user", "redis://", "127.0.0.1"):
        assert secret not in body


def test_only_get(db, client, filesystem_broker):
    assert client.post("/health/").status_code == 405


def test_unusable_embedded_broker_folder_gives_503(
    db, client, settings, tmp_path, token
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the broker wants its folder")
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(blocker / "queue"),
        "data_folder_out": str(blocker / "queue"),
        "control_folder": str(blocker / "control"),
    }

    response = client.get("/health/", **token)

    assert response.status_code == 503
    assert response.json()["broker"]["ok"] is False
    assert "not-a-folder" not in response.content.decode()


def test_plain_http_probe_is_not_redirected_to_https(
    db, client, settings, filesystem_broker
):
    settings.SECURE_SSL_REDIRECT = True  # as in production

    assert client.get("/health/").status_code == 200
    assert client.get("/de/").status_code == 301
