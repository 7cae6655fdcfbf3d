"""Form of the development fee (issue 14, point 9): the date a fee was paid."""

from django import forms
from django.utils.translation import gettext_lazy as _


class BetalingForm(forms.Form):
    betaald_op = forms.DateField(
        label=_("Paid on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The date the municipality paid the fee."),
    )
