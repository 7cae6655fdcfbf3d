"""Ids from user input (issue 11, point 9).

A form field or a POST/GET value that names a row by its id is checked here before it
reaches the database: only a plain positive whole number that fits the database's id
column (a 64-bit BigAutoField) is an id. Anything else ("abc", "-1", a number with 29
digits) is simply no id: the form shows "choose a valid option", the view answers 404. A
huge number never reaches a query, so no backend can fail on it (SQLite raises
OverflowError, the demo's 500).
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _lazy

from aanbesteden import weergave

MAX_ID = 2**63 - 1


def id_uit(waarde):
    """The id in `waarde` (a str or int), or None when it is not a valid id."""
    if isinstance(waarde, bool):
        return None
    if isinstance(waarde, int):
        getal = waarde
    else:
        tekst = str(waarde if waarde is not None else "").strip()
        if not tekst.isascii() or not tekst.isdigit() or len(tekst) > 19:
            return None
        getal = int(tekst)
    return getal if 0 < getal <= MAX_ID else None


class IdKeuzeVeld(forms.ModelChoiceField):
    """A ModelChoiceField whose input must be a valid id before the database is asked."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if self.to_field_name in (None, "pk", "id") and not isinstance(value, self.queryset.model):
            if id_uit(value) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": value},
                )
        return super().to_python(value)


class IdMeerkeuzeVeld(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField whose inputs must be valid ids before the database is asked."""

    def _check_values(self, value):
        if self.to_field_name in (None, "pk", "id"):
            for pk in value:
                if not isinstance(pk, self.queryset.model) and id_uit(pk) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)


class IdVeld(forms.IntegerField):
    """A (hidden) id of an existing row: a positive whole number that fits an id column."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


# --- amounts as Dutch people type them (issue 13, rule 8) ---------------------------------


def bedrag_uit(waarde):
    """The amount in `waarde` as a Decimal with two decimals, or None when it is no amount.

    Dutch writing: a dot groups thousands, a comma starts the cents ("45.000",
    "45.000,50", "45000", "€ 45.000,-"). Without a comma, a dot followed by one or two
    digits is read as the cents ("45000.50", as a browser's number field sends it).
    """
    tekst = "".join(str(waarde if waarde is not None else "").split())
    tekst = tekst.removeprefix("€").removeprefix("EUR").removesuffix(",-")
    if not tekst or not tekst.isascii() or tekst.startswith("-"):
        return None
    if "," in tekst:
        geheel, _komma, centen = tekst.rpartition(",")
        if "," in geheel or not centen.isdigit() or len(centen) > 2:
            return None
    else:
        geheel, centen = tekst, ""
        delen = tekst.split(".")
        if len(delen) == 2 and 1 <= len(delen[1]) <= 2:
            geheel, centen = delen
    groepen = geheel.split(".")
    if len(groepen) > 1 and (
        not 1 <= len(groepen[0]) <= 3 or any(len(g) != 3 for g in groepen[1:])
    ):
        return None
    cijfers = "".join(groepen)
    if not cijfers.isdigit() or len(cijfers) > 10:
        return None
    try:
        return Decimal(f"{cijfers}.{centen or '0'}").quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


class BedragVeld(forms.CharField):
    """An amount in euro, typed the Dutch way ("45.000", "45.000,50", "45000")."""

    default_error_messages = {
        "ongeldig": _lazy("Type an amount in euro, for example 45.000 or 45.000,50."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        # The length is checked on the text (in `to_python`), not on the Decimal it becomes.
        self.validators = [
            v for v in self.validators if not isinstance(v, validators.MaxLengthValidator)
        ]
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")

    def prepare_value(self, value):
        if isinstance(value, Decimal | int):
            return weergave.geld(value).removeprefix("€ ")
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > (self.max_length or 30):
            raise ValidationError(self.error_messages["ongeldig"], code="ongeldig")
        bedrag = bedrag_uit(value)
        if bedrag is None:
            raise ValidationError(self.error_messages["ongeldig"], code="ongeldig")
        return bedrag
