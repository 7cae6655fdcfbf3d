"""The thin-view helpers (aanbesteden/pagina.py): 404 for what a selector cannot find,
and a service's refusal shown where the user looks."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import Http404
from django.test import RequestFactory

from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import Gemeente
from aanbesteden.pagina import of_404, uitvoeren


class BodForm(forms.Form):
    bedrag = forms.CharField()


@pytest.fixture
def request_():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _berichten(request):
    return [(m.level_tag, str(m)) for m in get_messages(request)]


def test_of_404_gives_what_the_selector_finds(gemeente):
    assert of_404(Gemeente.objects.get, pk=gemeente.pk) == gemeente


def test_of_404_turns_not_found_into_a_404(db):
    with pytest.raises(Http404):
        of_404(Gemeente.objects.get, pk=0)


def test_uitvoeren_returns_the_result_and_says_it_worked(request_):
    uitkomst = uitvoeren(request_, lambda *, a: a * 2, gelukt="Opgeslagen.", a=21)
    assert uitkomst and uitkomst.waarde == 42 and uitkomst.fout is None
    assert _berichten(request_) == [("success", "Opgeslagen.")]


def _weigert(veld=None):
    def service():
        raise DomainError("Het bedrag is te hoog.", veld=veld)

    return service


def test_a_refusal_with_a_field_shows_at_that_field(request_):
    form = BodForm({"bedrag": "9"})
    assert form.is_valid()
    uitkomst = uitvoeren(request_, _weigert("bedrag"), form=form, gelukt="Opgeslagen.")
    assert not uitkomst and isinstance(uitkomst.fout, DomainError)
    assert form.errors == {"bedrag": ["Het bedrag is te hoog."]}
    assert _berichten(request_) == []


def test_a_refusal_with_an_unknown_field_shows_on_the_form(request_):
    form = BodForm({"bedrag": "9"})
    form.is_valid()
    uitvoeren(request_, _weigert("bestaat_niet"), form=form)
    assert form.non_field_errors() == ["Het bedrag is te hoog."]


def test_a_refusal_without_a_form_is_a_message(request_):
    def service():
        raise NotAllowed("Dat mag u niet.")

    assert not uitvoeren(request_, service, gelukt="Opgeslagen.")
    assert _berichten(request_) == [("error", "Dat mag u niet.")]


def test_other_errors_are_not_swallowed(request_):
    def service():
        raise ValueError("kapot")

    with pytest.raises(ValueError):
        uitvoeren(request_, service)
