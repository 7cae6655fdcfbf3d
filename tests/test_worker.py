"""A real Celery worker on the real Redis broker: the request never renders a PDF."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.urls import reverse

from aanbesteden.celery import app
from aanbesteden.constants import DocumentStatus
from aanbesteden.models import Document
from aanbesteden.tests.factories import MedewerkerFactory
from trajecten.tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker():
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as w:
            yield w
    finally:
        app.conf.task_always_eager = True


@pytest.fixture
def geen_worker():
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


def _wait_for(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_pdf_is_made_by_the_worker_not_in_the_request(client, worker):
    medewerker = MedewerkerFactory()
    traject = TrajectFactory(gemeente=medewerker.gemeente, titel="Wijkteam Oost")
    client.force_login(medewerker.user)

    response = client.post(reverse("trajecten:overzicht_pdf", args=[traject.pk]))
    assert response.status_code == 302
    document = Document.objects.get()
    assert response["Location"] == reverse("document_detail", args=[document.uuid])

    assert _wait_for(lambda: Document.objects.get().status == DocumentStatus.KLAAR)
    document.refresh_from_db()
    page = client.get(response["Location"]).content.decode()
    assert document.sha256 in page
    download = client.get(reverse("document_download", args=[document.uuid]))
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_request_returns_with_the_document_queued_when_no_worker_runs(client, geen_worker):
    medewerker = MedewerkerFactory()
    traject = TrajectFactory(gemeente=medewerker.gemeente)
    client.force_login(medewerker.user)
    response = client.post(reverse("trajecten:overzicht_pdf", args=[traject.pk]), follow=True)
    assert Document.objects.get().status == DocumentStatus.IN_WACHTRIJ
    assert 'hx-trigger="every 3s"' in response.content.decode()
    # Clear what was queued, so that no later worker picks it up.
    app.control.purge()


def test_health_reports_database_cache_broker_and_worker(client, worker):
    # The test client asks from 127.0.0.1: the host itself, which sees the detail.
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "cache": "ok", "broker": "ok", "worker": "ok"}


def test_health_says_when_no_worker_answers(client, geen_worker):
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fout"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["broker"] == "ok"
    assert "unavailable" in body["checks"]["worker"]
