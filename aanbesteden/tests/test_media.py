"""Private files are never served by a static route (issue 11, point 15)."""

import importlib

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import clear_url_caches, reverse

import aanbesteden.urls
from aanbesteden.storage import prive_opslag
from aanbesteden.tests.factories import (
    PNG,
    DocumentFactory,
    GemeenteFactory,
    MedewerkerFactory,
)
from beoordeling.models import Bijlage
from trajecten.tests.factories import TrajectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug_urls():
    """The root URLconf as the dev settings build it: with DEBUG on, at import."""
    with override_settings(DEBUG=True):
        importlib.reload(aanbesteden.urls)
        clear_url_caches()
        yield
    importlib.reload(aanbesteden.urls)
    clear_url_caches()


def test_a_document_under_media_is_not_served_even_with_debug(client, debug_urls):
    document = DocumentFactory(klaar=True)
    assert (settings.MEDIA_ROOT / document.bestand.name).is_file()
    response = client.get(settings.MEDIA_URL + document.bestand.name)
    assert response.status_code == 404
    # Its own view, which checks who asks, still hands it to a municipal officer.
    medewerker = MedewerkerFactory(gemeente=document.gemeente)
    client.force_login(medewerker.user)
    assert client.get(settings.MEDIA_URL + document.bestand.name).status_code == 404
    download = client.get(reverse("document_download", args=[document.uuid]))
    assert b"".join(download.streaming_content) == b"%PDF-1.7 test"


def test_the_logo_of_a_gemeente_comes_from_its_own_view(client, debug_urls):
    gemeente = GemeenteFactory(slug="eindhoven")
    gemeente.logo.save("logo.png", ContentFile(PNG))
    traject = TrajectFactory(gemeente=gemeente, gepubliceerd=True)
    page = client.get(traject.get_absolute_url()).content.decode()
    logo_url = reverse("gemeente_logo", args=["eindhoven"])
    assert f'src="{logo_url}"' in page
    assert settings.MEDIA_URL not in page

    response = client.get(logo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    assert client.get(settings.MEDIA_URL + gemeente.logo.name).status_code == 404


def test_no_logo_no_file(client):
    GemeenteFactory(slug="zwolle")
    assert client.get(reverse("gemeente_logo", args=["zwolle"])).status_code == 404
    assert client.get(reverse("gemeente_logo", args=["bestaat-niet"])).status_code == 404


def test_private_files_follow_the_setting(settings, tmp_path):
    """The storage reads PRIVATE_MEDIA_ROOT at each use: a test's files stay in its folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "elders"
    opslag = prive_opslag()
    naam = opslag.save("proef.txt", ContentFile(b"x"))
    assert (tmp_path / "elders" / naam).exists()
    # Also the storage a model field made once, when the model was defined.
    veld = Bijlage._meta.get_field("bestand")
    assert veld.storage.location == str(tmp_path / "elders")
