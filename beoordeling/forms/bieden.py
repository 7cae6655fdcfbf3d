"""Forms of bids: starting one, each step of the draft, attachments.

Every field of a step is optional while drafting; completeness is checked on submission.
`gegevens()` turns a valid form into JSON for `Bod.concept` (amounts as strings).
"""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from aanbesteden import weergave
from aanbesteden.constants import TEKST_LANG
from aanbesteden.invoer import BedragVeld, IdKeuzeVeld, bedrag_uit
from beoordeling.constants import Financieringsbron
from trajecten.models import Perceel


class BodNieuwForm(forms.Form):
    perceel = IdKeuzeVeld(label=_("Lot"), queryset=Perceel.objects.none(), empty_label=None)
    bieder = forms.ChoiceField(
        label=_("Who bids"),
        widget=forms.RadioSelect,
        help_text=_("A coalition where your organisation is the lead, or your organisation alone."),
    )

    def __init__(self, *args, traject, bieders, **kwargs):
        super().__init__(*args, **kwargs)
        self.bieders = {b.sleutel: b for b in bieders}
        self.fields["perceel"].queryset = Perceel.objects.filter(traject=traject).order_by("nummer")
        self.fields["bieder"].choices = [(b.sleutel, b.label) for b in bieders]
        if len(bieders) == 1:
            self.fields["bieder"].initial = bieders[0].sleutel

    def clean_bieder(self):
        return self.bieders[self.cleaned_data["bieder"]]


def _tekst(label, help_text=""):
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=TEKST_LANG,
    )


class _TekstStapForm(forms.Form):
    veld = ""

    def gegevens(self):
        return {self.veld: self.cleaned_data[self.veld].strip()}


class PlanForm(_TekstStapForm):
    veld = "plan"
    plan = _tekst(
        _("Your plan and activities"),
        _("What do you want to do, for whom, and what will be better for people?"),
    )

    def __init__(self, *args, hoofdlijnen=False, **kwargs):
        super().__init__(*args, **kwargs)
        if hoofdlijnen:
            # Issue 14, point 4: an outline is light work.
            self.fields["plan"].label = _("Your plan in headlines")
            self.fields["plan"].help_text = _(
                "What do you want to do, for whom, and what will be better for people? "
                "Headlines are enough: the details come in the elaborated plan."
            )


class PlanningForm(_TekstStapForm):
    veld = "planning"
    planning = _tekst(
        _("Planning"), _("When do you start, what happens when, and when is it ready?")
    )


class VerdienmodelForm(_TekstStapForm):
    veld = "verdienmodel"
    verdienmodel = _tekst(
        _("Earning model"),
        _("How do you earn money besides the municipal budget, now and later?"),
    )


class ResultatenForm(_TekstStapForm):
    veld = "resultaten"
    resultaten = _tekst(
        _("How will you measure results?"),
        _("What do you count or ask, how often, and how do you report to the neighbourhood?"),
    )


class SroiForm(_TekstStapForm):
    """Issue 14, point 8: social return is a condition of the agreement; the full plan may
    say how the bidder will meet it. Optional."""

    veld = "sroi"
    sroi = _tekst(
        _("How will you meet the social return condition? (optional)"),
        _(
            "For example: which work or learning places you offer to people who are far "
            "from the job market. The condition itself is in the agreement."
        ),
    )


class GlobaleBegrotingForm(forms.Form):
    """Issue 14, point 4: the rough budget of an outline bid: one total amount, or a few
    lines. The budget per partner and year comes in the elaborated plan."""

    veld = "globale_begroting"
    totaal = BedragVeld(
        label=_("Total amount (euro)"),
        required=False,
        help_text=_("Roughly what the plan costs in total, excluding VAT. For example 45.000."),
    )
    regels = forms.CharField(
        label=_("Or: the main costs in a few lines"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For example: people € 30.000; rent € 8.000; activities € 7.000."),
    )

    def __init__(self, *args, initial=None, **kwargs):
        initial = dict(initial or {})
        if isinstance(initial.get("totaal"), str):
            initial["totaal"] = bedrag_uit(initial["totaal"]) or initial["totaal"]
        super().__init__(*args, initial=initial, **kwargs)

    def clean_totaal(self):
        totaal = self.cleaned_data.get("totaal")
        if totaal is not None and totaal < 0:
            raise forms.ValidationError(_("An amount cannot be negative."))
        return totaal

    def gegevens(self):
        totaal = self.cleaned_data.get("totaal")
        return {
            "globale_begroting": {
                "totaal": "" if totaal is None else format(totaal, "f"),
                "regels": self.cleaned_data["regels"].strip(),
            }
        }


class VragenForm(forms.Form):
    """Issue 14, point 4: one answer per question of the municipality. The answer is kept
    with the question's text, so the committee reads the question that was answered."""

    def __init__(self, *args, vragen, concept, **kwargs):
        antwoorden = {
            rij.get("vraag"): rij.get("antwoord", "")
            for rij in (concept.get("vragen") or [])
            if isinstance(rij, dict)
        }
        initial = {f"vraag_{pk}": antwoorden.get(pk, "") for pk, _vraag, _uitleg in vragen}
        super().__init__(*args, initial=initial, **kwargs)
        self.vragen = vragen
        for pk, vraag, uitleg in vragen:
            self.fields[f"vraag_{pk}"] = _tekst(vraag, uitleg)
            self.fields[f"vraag_{pk}"].widget.attrs["rows"] = 5

    def gegevens(self):
        return {
            "vragen": [
                {
                    "vraag": pk,
                    "tekst": vraag,
                    "antwoord": self.cleaned_data[f"vraag_{pk}"].strip(),
                }
                for pk, vraag, _uitleg in self.vragen
            ]
        }


class PrijsForm(forms.Form):
    """The price of the bid for its lot (issue 13, rule 8): asked when the call has a price
    criterion; the platform computes the points with the published formula. Dutch amounts
    ("45.000", "45.000,50", "45000")."""

    veld = "prijs"
    prijs = BedragVeld(label=_("Your price for this lot (euro)"), required=False)

    def __init__(self, *args, plafond=None, initial=None, **kwargs):
        initial = dict(initial or {})
        if isinstance(initial.get("prijs"), str):
            initial["prijs"] = bedrag_uit(initial["prijs"]) or initial["prijs"]
        super().__init__(*args, initial=initial, **kwargs)
        uitleg = _(
            "The total price for the whole contract, excluding VAT. The points for price "
            "follow from the formula in the call: the lowest price divided by your price."
        )
        if plafond is not None:
            uitleg = format_lazy(
                "{} {}",
                uitleg,
                _(
                    "The budget cap of this lot is %(plafond)s: a higher price makes the "
                    "bid invalid."
                )
                % {"plafond": weergave.geld(plafond)},
            )
        self.fields["prijs"].help_text = uitleg

    def clean_prijs(self):
        prijs = self.cleaned_data.get("prijs")
        if prijs is not None and prijs <= 0:
            raise forms.ValidationError(_("A price is more than € 0."))
        return prijs

    def gegevens(self):
        prijs = self.cleaned_data.get("prijs")
        return {"prijs": "" if prijs is None else format(prijs, "f")}


class WieForm(forms.Form):
    """One text per organisation of the bid: what it does."""

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = partners
        for organisatie in partners:
            self.fields[f"partner_{organisatie.pk}"] = _tekst(
                _("What does %(naam)s do?") % {"naam": organisatie.naam}
            )
            self.fields[f"partner_{organisatie.pk}"].widget.attrs["rows"] = 4

    @staticmethod
    def initial_van(concept, partners):
        wie = concept.get("wie")
        if not isinstance(wie, list):
            return {}
        teksten = {
            rij.get("organisatie"): rij.get("tekst", "") for rij in wie if isinstance(rij, dict)
        }
        return {f"partner_{o.pk}": teksten.get(o.pk, "") for o in partners}

    def gegevens(self):
        return {
            "wie": [
                {
                    "organisatie": o.pk,
                    "partner": o.naam,
                    "tekst": self.cleaned_data[f"partner_{o.pk}"].strip(),
                }
                for o in self.partners
            ]
        }


BEDRAG = {"max_digits": 12, "decimal_places": 2, "min_value": 0}


class _RijForm(forms.Form):
    """A row of a small table; an empty row is skipped, a half-filled one is an error."""

    velden = ()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        gevuld = [veld for veld in self.velden if data.get(veld) not in (None, "")]
        if gevuld and len(gevuld) != len(self.velden) and not data.get("DELETE"):
            raise forms.ValidationError(_("Fill in every field of this row, or leave it empty."))
        return data

    def is_leeg(self):
        data = getattr(self, "cleaned_data", {})
        return data.get("DELETE") or all(data.get(v) in (None, "") for v in self.velden)


class BegrotingRijForm(_RijForm):
    velden = ("partner", "jaar", "bedrag")
    partner = forms.ChoiceField(label=_("Partner"), required=False)
    jaar = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    bedrag = forms.DecimalField(label=_("Amount (euro)"), required=False, **BEDRAG)

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        namen = [o.naam for o in partners]
        huidig = (self.initial or {}).get("partner")
        if huidig and huidig not in namen:
            namen.append(huidig)
        self.fields["partner"].choices = [("", "—")] + [(n, n) for n in namen]


class FinancieringRijForm(_RijForm):
    velden = ("bron", "bedrag")
    bron = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", "—"), *Financieringsbron.choices]
    )
    bedrag = forms.DecimalField(label=_("Amount (euro)"), required=False, **BEDRAG)


BegrotingFormSet = forms.formset_factory(BegrotingRijForm, extra=2, can_delete=True, max_num=200)
FinancieringFormSet = forms.formset_factory(
    FinancieringRijForm, extra=2, can_delete=True, max_num=50
)


def _bedrag(waarde):
    return format(waarde, "f")


def begroting_gegevens(formset):
    return {
        "begroting": [
            {
                "partner": f.cleaned_data["partner"],
                "jaar": f.cleaned_data["jaar"],
                "bedrag": _bedrag(f.cleaned_data["bedrag"]),
            }
            for f in formset.forms
            if not f.is_leeg()
        ]
    }


def financiering_gegevens(formset):
    return {
        "financiering": [
            {"bron": f.cleaned_data["bron"], "bedrag": _bedrag(f.cleaned_data["bedrag"])}
            for f in formset.forms
            if not f.is_leeg()
        ]
    }


class BijlageForm(forms.Form):
    bestand = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, ODT, XLSX, PNG or JPEG. At most 10 MB per file, 50 MB in total."),
    )
