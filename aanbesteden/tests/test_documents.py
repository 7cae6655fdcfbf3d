import hashlib
import re
import subprocess
import sys
import zlib

import pytest
from django.urls import reverse

from aanbesteden import documents
from aanbesteden.constants import AuditEventType, DocumentStatus
from aanbesteden.models import AuditEvent, Document
from aanbesteden.pdf import _local_fetcher_class
from aanbesteden.tasks import render_document
from aanbesteden.tests.factories import DocumentFactory, MedewerkerFactory, UserFactory


def _inflate(data):
    """The PDF with its compressed streams unpacked, to look inside."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            pass
    return b"\n".join(parts)


def _request(user, gemeente, **context):
    return documents.request_document(
        titel="Proces-verbaal",
        template_name="aanbesteden/pdf/test.html",
        context={"tekst": "Geopend door twee medewerkers.", "gemeente": gemeente.naam, **context},
        actor=user,
        gemeente=gemeente,
    )


@pytest.mark.django_db
def test_document_is_rendered_after_commit_and_stored_with_its_hash(
    medewerker, gemeente, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = _request(medewerker, gemeente)
    # Nothing is rendered until the transaction commits and the task runs.
    assert Document.objects.get().status == DocumentStatus.IN_WACHTRIJ
    for callback in callbacks:
        callback()  # tasks run in-process here (CELERY_TASK_ALWAYS_EAGER)
    document.refresh_from_db()
    assert document.status == DocumentStatus.KLAAR
    data = document.bestand.read()
    assert data.startswith(b"%PDF-")
    assert hashlib.sha256(data).hexdigest() == document.sha256
    assert document.grootte == len(data)
    # PDF/UA-1: tagged, with the identification WeasyPrint writes for the variant.
    content = _inflate(data)
    assert b"pdfuaid:part" in content
    assert b"/StructTreeRoot" in content
    assert b"/Lang (nl)" in content
    events = list(
        AuditEvent.objects.filter(target_id=str(document.pk)).values_list("event_type", flat=True)
    )
    assert events == [AuditEventType.DOCUMENT_AANGEVRAAGD, AuditEventType.DOCUMENT_GEMAAKT]


@pytest.mark.django_db
def test_rendering_twice_does_nothing_the_second_time(medewerker, gemeente):
    document = _request(medewerker, gemeente)
    documents.render(document_id=document.pk)
    first = Document.objects.get().sha256
    documents.render(document_id=document.pk)
    assert Document.objects.get().sha256 == first
    assert AuditEvent.objects.filter(event_type=AuditEventType.DOCUMENT_GEMAAKT).count() == 1


@pytest.mark.django_db
def test_failure_is_visible_and_retried_until_it_gives_up(medewerker, gemeente, client):
    document = _request(medewerker, gemeente, fout=True)
    documents.render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == DocumentStatus.MISLUKT
    assert "TemplateDoesNotExist" in document.fout
    assert document.pogingen == 1

    client.force_login(medewerker)
    page = client.get(reverse("document_detail", args=[document.uuid])).content.decode()
    assert "Mislukt, wordt opnieuw geprobeerd" in page

    # The task retries; after the last attempt the status is final.
    render_document.apply(args=[document.pk])
    document.refresh_from_db()
    assert document.status == DocumentStatus.DEFINITIEF_MISLUKT
    assert document.pogingen == documents.MAX_POGINGEN


@pytest.mark.django_db
def test_failed_once_then_ready(medewerker, gemeente):
    document = _request(medewerker, gemeente, fout=True)
    documents.render(document_id=document.pk)
    Document.objects.filter(pk=document.pk).update(context={"tekst": "hersteld"})
    documents.render(document_id=document.pk)
    document.refresh_from_db()
    assert (document.status, document.pogingen, document.fout) == (DocumentStatus.KLAAR, 2, "")


def test_retry_waits_longer_each_time():
    assert [documents.retry_delay(n) for n in (1, 2, 3)] == [30, 120, 480]


def test_web_start_up_does_not_import_weasyprint():
    code = (
        "import os, sys; os.environ['DJANGO_SETTINGS_MODULE']='aanbesteden.settings.test';"
        "import django; django.setup();"
        "import aanbesteden.urls, aanbesteden.wsgi;"
        "from django.test import Client;"
        "print('weasyprint' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


@pytest.mark.django_db
def test_pdf_fetches_nothing_outside_static_and_media(tmp_path):
    fetcher = _local_fetcher_class()()
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher.fetch("https://example.org/logo.png")
    with pytest.raises(ValueError, match="outside static and media"):
        fetcher.fetch("file:///etc/passwd")


@pytest.mark.django_db
def test_download_only_for_those_who_may_see_it(client, gemeente, andere_gemeente):
    document = DocumentFactory(klaar=True, gemeente=gemeente)
    url = reverse("document_download", args=[document.uuid])
    eigen = MedewerkerFactory(gemeente=gemeente).user
    vreemd = MedewerkerFactory(gemeente=andere_gemeente).user

    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(vreemd)
    assert client.get(url).status_code == 404
    client.force_login(eigen)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-SHA256"] == document.sha256

    openbaar = DocumentFactory(klaar=True, gemeente=gemeente, openbaar=True)
    client.logout()
    assert client.get(reverse("document_download", args=[openbaar.uuid])).status_code == 200


@pytest.mark.django_db
def test_status_page_polls_while_queued_and_offers_download_when_ready(
    client, medewerker, gemeente
):
    client.force_login(medewerker)
    wachtend = DocumentFactory(gemeente=gemeente)
    page = client.get(reverse("document_detail", args=[wachtend.uuid])).content.decode()
    assert 'hx-trigger="every 3s"' in page
    assert "In de wachtrij" in page
    assert "Vernieuw deze pagina" in page or "Refresh this page" in page
    klaar = DocumentFactory(gemeente=gemeente, klaar=True)
    fragment = client.get(
        reverse("document_detail", args=[klaar.uuid]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in fragment
    assert klaar.sha256 in fragment
    assert "hx-trigger" not in fragment
