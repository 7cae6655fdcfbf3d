"""Every text a person can type has a maximum length (issue 11, point 10).

The walks below fail as soon as someone adds a TextField, a form CharField or a search filter
without a limit. The page tests in each app show the message on the field.
"""

import importlib
import inspect
import pkgutil
from types import SimpleNamespace

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.db import models

from aanbesteden.constants import TEKST_KORT, TEKST_LANG, TEKST_MIDDEL

PROJECT_APPS = ["aanbesteden", "trajecten", "coalities", "beoordeling", "verantwoording"]


def _modules(app, naam):
    """`<app>.<naam>` and, when it is a package, its submodules."""
    try:
        module = importlib.import_module(f"{app}.{naam}")
    except ModuleNotFoundError:
        return []
    gevonden = [module]
    if hasattr(module, "__path__"):
        for info in pkgutil.iter_modules(module.__path__):
            gevonden.append(importlib.import_module(f"{module.__name__}.{info.name}"))
    return gevonden


def _klassen(basis):
    """Every subclass of `basis` defined in a forms or filters module of the project."""
    gevonden = []
    for app in PROJECT_APPS:
        for module in _modules(app, "forms") + _modules(app, "filters"):
            for _naam, klasse in inspect.getmembers(module, inspect.isclass):
                if issubclass(klasse, basis) and klasse.__module__ == module.__name__:
                    gevonden.append(klasse)
    return gevonden


def test_every_text_field_of_every_model_has_a_max_length():
    zonder = [
        f"{model._meta.label}.{field.name}"
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField) and not field.max_length
    ]
    assert zonder == []


def test_the_walk_over_models_sees_the_text_fields():
    """The walk above is not empty by accident."""
    tekstvelden = [
        field
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField)
    ]
    assert len(tekstvelden) > 40


def _char_fields_zonder_limiet(velden, eigenaar):
    return [
        f"{eigenaar}.{naam}"
        for naam, veld in velden.items()
        if isinstance(veld, forms.CharField) and not veld.max_length
    ]


def test_every_char_field_of_every_form_has_a_max_length():
    klassen = _klassen(forms.BaseForm)
    assert len(klassen) > 60  # the walk found the forms
    zonder = []
    for klasse in klassen:
        zonder += _char_fields_zonder_limiet(klasse.base_fields, klasse.__qualname__)
    assert zonder == []


def test_every_search_filter_has_a_max_length():
    klassen = _klassen(django_filters.FilterSet)
    assert len(klassen) >= 3
    zonder = []
    for klasse in klassen:
        velden = {naam: f.field for naam, f in klasse.base_filters.items()}
        zonder += _char_fields_zonder_limiet(velden, klasse.__qualname__)
    assert zonder == []


def _criterium():
    return SimpleNamespace(pk=1, naam="Plan", schaal_min=1, schaal_max=5)


@pytest.mark.parametrize(
    ("maak", "veld", "limiet"),
    [
        ("beoordeling.forms.commissie:ScoreForm", "motivatie", TEKST_MIDDEL),
        ("beoordeling.forms.consensus:ConsensusScoreForm", "motivatie", TEKST_MIDDEL),
        ("beoordeling.forms.commissie:OordeelForm", "oordeel", TEKST_MIDDEL),
        ("beoordeling.forms.consensus:ConsensusOordeelForm", "oordeel", TEKST_MIDDEL),
        ("beoordeling.forms.bieden:WieForm", "partner_7", TEKST_LANG),
    ],
)
def test_fields_made_when_the_form_is_built_have_a_max_length(maak, veld, limiet):
    """These forms add their text fields in __init__, so base_fields does not show them."""
    module, naam = maak.split(":")
    klasse = getattr(importlib.import_module(module), naam)
    kwargs = {
        "ScoreForm": {"criterium": _criterium()},
        "ConsensusScoreForm": {"criterium": _criterium()},
        "OordeelForm": {"aantal": 2},
        "ConsensusOordeelForm": {"aantal": 2},
        "WieForm": {"partners": [SimpleNamespace(pk=7, naam="Buurtkracht")]},
    }[naam]
    form = klasse(data={}, **kwargs)
    assert form.fields[veld].max_length == limiet
    assert form[veld].field.widget.attrs["maxlength"] == str(limiet)


def test_the_limits_are_ordered():
    assert TEKST_KORT < TEKST_MIDDEL < TEKST_LANG
