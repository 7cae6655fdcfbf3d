"""A Content Security Policy on every page, and templates that keep to it (issue 11, point 12)."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

# E-mails and PDFs are not web pages: no browser applies the policy to them.
NOT_WEB = re.compile(r"/(mail|pdf)/")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
STYLE_BLOCK = re.compile(r"<style\b[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle=", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+=|\shx-on|javascript:", re.I)


def _policy(response):
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_every_page_carries_the_policy(client):
    for url in (reverse("home"), reverse("trajecten:lijst"), reverse("account_login")):
        policy = _policy(client.get(url))
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]  # no nonce used: no inline script at all
        assert policy["style-src"] == ["'self'"]
        assert policy["img-src"] == ["'self'", "data:"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["form-action"] == ["'self'"]
        assert policy["base-uri"] == ["'self'"]
        assert not any("unsafe" in value for values in policy.values() for value in values)


def test_htmx_is_told_not_to_inject_styles(client):
    page = client.get(reverse("home")).content.decode()
    assert '"includeIndicatorStyles": false' in page


def _web_templates():
    for root in [settings.BASE_DIR / "templates"]:
        for template in sorted(root.rglob("*.html")):
            if not NOT_WEB.search(str(template.relative_to(settings.BASE_DIR))):
                yield template


def test_web_templates_have_no_inline_script_style_or_handler_without_a_nonce():
    problems = []
    for template in _web_templates():
        text = template.read_text()
        for pattern in (INLINE_SCRIPT, STYLE_BLOCK):
            problems += [
                f"{template}: {m.group(0)}"
                for m in pattern.finditer(text)
                if "request.csp_nonce" not in m.group(0)
            ]
        for pattern in (STYLE_ATTRIBUTE, EVENT_HANDLER):
            problems += [f"{template}: {m.group(0)}" for m in pattern.finditer(text)]
    assert not problems, "\n".join(problems)
