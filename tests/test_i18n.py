"""Dutch first, English available, and the Dutch catalogue complete."""

import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

SOURCES = [
    "manage.py",
    "aanbesteden",
    "trajecten",
    "coalities",
    "beoordeling",
    "verantwoording",
    "templates",
    "locale",
]


def _msgattrib(selection, po):
    return subprocess.run(
        ["msgattrib", selection, "--no-wrap", str(po)], capture_output=True, text=True, check=True
    ).stdout


def test_dutch_catalogue_has_every_text_translated(tmp_path):
    """Extract the texts of the code as it is now; every one must have a Dutch translation."""
    root = settings.BASE_DIR
    for name in SOURCES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-obsolete", "-v0"],
        cwd=tmp_path,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "aanbesteden.settings.dev"},
    )
    po = tmp_path / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    untranslated = _msgattrib("--untranslated", po)
    fuzzy = _msgattrib("--only-fuzzy", po)
    missing = [
        line
        for line in untranslated.splitlines()
        if line.startswith("msgid ") and line != 'msgid ""'
    ]
    assert missing == [], "Untranslated (run `make makemessages` and translate):\n" + "\n".join(
        missing
    )
    assert "msgid" not in fuzzy.split("\n\n", 1)[-1], "Fuzzy entries:\n" + fuzzy


@pytest.mark.django_db
def test_dutch_even_when_the_browser_prefers_english(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    page = response.content.decode()
    assert '<html lang="nl"' in page
    assert "Naar de inhoud" in page
    assert response["Content-Language"] == "nl"


@pytest.mark.django_db
def test_language_switch_turns_the_site_to_english_and_back(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/trajecten/"})
    assert response.status_code == 302
    page = client.get(reverse("trajecten:lijst")).content.decode()
    assert '<html lang="en"' in page
    assert "Skip to content" in page
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert '<html lang="nl"' in client.get(reverse("home")).content.decode()
