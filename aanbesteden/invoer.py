"""Ids from user input (issue 11, point 9).

A form field or a POST/GET value that names a row by its id is checked here before it
reaches the database: only a plain positive whole number that fits the database's id
column (a 64-bit BigAutoField) is an id. Anything else ("abc", "-1", a number with 29
digits) is simply no id: the form shows "choose a valid option", the view answers 404. A
huge number never reaches a query, so no backend can fail on it (SQLite raises
OverflowError, the demo's 500).
"""

from django import forms
from django.core.exceptions import ValidationError

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
