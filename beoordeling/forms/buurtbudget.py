"""Forms of the residents' budget (issue 14, burgeraanbesteding). Each form on the lot's
page carries its own prefix, so that the page has unique field ids."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_KORT, TEKST_MIDDEL

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _organisatie_veld():
    return forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        label=_("Organisation on the platform (optional)"),
    )


class _MetOrganisatie(forms.Form):
    """A form with the optional organisation on the platform; `organisaties` is a list read
    once per page, so that every form on the page costs no query."""

    def __init__(self, *args, organisaties, **kwargs):
        super().__init__(*args, **kwargs)
        self._organisaties = {o.pk: o for o in organisaties}
        self.fields["organisatie"].choices = [
            ("", _("Not on the platform")),
            *((o.pk, o.naam) for o in organisaties),
        ]

    def clean_organisatie(self):
        pk = self.cleaned_data.get("organisatie")
        return self._organisaties.get(pk) if pk is not None else None


class OpdrachtForm(forms.Form):
    omschrijving = forms.CharField(
        label=_("What must be done?"),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: new plants for the square at the church."),
    )
    geraamd_bedrag = forms.DecimalField(
        label=_("Estimated amount (euro)"),
        max_digits=12,
        decimal_places=2,
        min_value=0.01,
        help_text=_("The call says how many quotes you ask for this amount."),
    )


class OfferteVragenForm(_MetOrganisatie):
    leverancier = forms.CharField(
        label=_("Name of the business"),
        max_length=200,
        help_text=_("Only the name of the business is shown in public."),
    )
    organisatie = _organisatie_veld()
    gevraagd_op = forms.DateField(label=_("Date you asked"), widget=DATUM)


class OntvangenForm(forms.Form):
    bedrag = forms.DecimalField(
        label=_("Amount of the quote (euro)"), max_digits=12, decimal_places=2, min_value=0.01
    )
    ontvangen_op = forms.DateField(label=_("Date received"), widget=DATUM)


class KiezenForm(forms.Form):
    offerte = forms.TypedChoiceField(label=_("Which quote do you choose?"), coerce=int)
    reden = forms.CharField(
        label=_("Why this quote?"),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("This is shown in public, with the number of quotes you asked."),
    )
    reden_minder_offertes = forms.CharField(
        label=_("Why did you ask for fewer quotes? (only if you did)"),
        required=False,
        max_length=TEKST_KORT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, offertes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offerte"].choices = [("", _("Choose a quote")), *offertes]


class BetrokkenheidForm(_MetOrganisatie):
    leverancier = forms.CharField(label=_("Name of the business"), max_length=200)
    organisatie = _organisatie_veld()
    toelichting = forms.CharField(
        label=_("How are you involved?"),
        required=False,
        max_length=TEKST_KORT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "For example: my brother owns it. The other representatives and the "
            "municipality read this, the public does not."
        ),
    )


class AfwijzenForm(forms.Form):
    reden = forms.CharField(
        label=_("Why does the municipality not approve?"),
        max_length=TEKST_KORT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
