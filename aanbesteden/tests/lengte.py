"""For page tests of the length limits (issue 11, point 10): a million characters, and the
check that the page answers with Django's own message on the field."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import translation
from django.utils.html import escape

MILJOEN = "x" * 1_000_000


def melding(limiet, lengte=1_000_000):
    """Django's message for a text of `lengte` characters in a field of at most `limiet`,
    in Dutch from Django's own catalogue (the language of the test pages)."""
    with translation.override("nl"):
        try:
            MaxLengthValidator(limiet)("x" * lengte)
        except ValidationError as fout:
            return fout.messages[0]
    raise AssertionError("no error")


def assert_te_lang(response, form, veld, limiet):
    """The page answers 200 with the message on `veld`, and the field tells the browser."""
    assert response.status_code == 200
    with translation.override("nl"):
        assert list(form.errors[veld]) == [melding(limiet)]
    pagina = response.content.decode()
    assert escape(melding(limiet)) in pagina
    assert f'maxlength="{limiet}"' in pagina
