"""Forms of the covenant route: naming the initiative, writing the plan, agreeing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from beoordeling.constants import CONVENANT_SECTIE_UITLEG, ConvenantSectie
from beoordeling.selectors.convenant import organisaties_om_te_benoemen
from beoordeling.services.convenant import MAX_SECTIE


class InitiatiefForm(forms.Form):
    organisatie = forms.ModelChoiceField(
        label=_("The initiative"),
        queryset=organisaties_om_te_benoemen(),
        empty_label=_("Choose an organisation"),
        help_text=_(
            "An organisation on the platform. Its members write the plan with you; its "
            "administrators agree to it for the initiative."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = organisaties_om_te_benoemen()


class PlanForm(forms.Form):
    """The plan's sections; `basis` is the version the author started from."""

    basis = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for sectie in ConvenantSectie:
            self.fields[sectie.value] = forms.CharField(
                label=sectie.label,
                help_text=CONVENANT_SECTIE_UITLEG[sectie],
                required=False,
                max_length=MAX_SECTIE,
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def secties(self):
        return {sectie: self.cleaned_data.get(sectie, "") for sectie in ConvenantSectie.values}


class AkkoordForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
