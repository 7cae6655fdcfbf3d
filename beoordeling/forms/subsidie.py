"""Issue 14: the decision on one subsidy application."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_MIDDEL
from beoordeling.constants import Afwijzingsgrond, SubsidieUitkomst


class SubsidiebesluitForm(forms.Form):
    uitkomst = forms.ChoiceField(
        label=_("Decision"), choices=SubsidieUitkomst.choices, widget=forms.RadioSelect
    )
    bedrag = forms.DecimalField(
        label=_("Amount granted (euro)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("For granted and granted in part."),
    )
    grond = forms.ChoiceField(
        label=_("Ground for refusal"),
        required=False,
        choices=[("", _("Not refused")), *Afwijzingsgrond.choices],
    )
    reden = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed for granted in part and refused. The applicant reads it."),
    )
