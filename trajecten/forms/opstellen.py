"""Forms for setting up a trajectory, one per section; their cleaned data is what
`trajecten.services.opstellen.sectie_opslaan` takes as `wijzigingen`."""

from datetime import datetime
from decimal import Decimal

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_MIDDEL
from aanbesteden.invoer import IdKeuzeVeld, IdVeld
from trajecten.constants import (
    BEKOSTIGING_UITLEG,
    COMMISSIE_MANDAAT_UITLEG,
    CONTRACTVORM_UITLEG,
    GEMEENTE_ROL_UITLEG,
    PROCEDURE_UITLEG,
    VERDEELREGEL_UITLEG,
    VORM_UITLEG,
    Bekostiging,
    CommissieMandaat,
    Contractvorm,
    EisSoort,
    Fase,
    GemeenteRol,
    GesprekVorm,
    Gunningswijze,
    Prijsformule,
    Procedure,
    TeamRol,
    Verdeelregel,
    Vorm,
)
from trajecten.models import (
    Bestedingsregels,
    Criterium,
    Eis,
    Perceel,
    Schetsvraag,
    Traject,
    Vertegenwoordiger,
)
from trajecten.models.traject import MAX_SCHETSVRAGEN
from trajecten.routes import PROCEDURE, route_van, veld_past
from trajecten.selectors.opstellen import weging_fouten

DATUMTIJD = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _veld(model, naam, **kwargs):
    return model._meta.get_field(naam).formfield(**kwargs)


def initial_van(traject, velden):
    return {naam: getattr(traject, naam) for naam in velden}


def _keuzes_met_uitleg(keuzes, uitleg, leeg):
    """Radio choices whose label carries the short explanation (rendered in the label)."""
    return [("", leeg)] + [
        (
            waarde,
            format_html(
                '<strong>{}</strong><br><span class="ma-meta">{}</span>',
                label,
                uitleg[waarde],
            ),
        )
        for waarde, label in keuzes.choices
    ]


class NieuwTrajectForm(forms.Form):
    gemeente = IdKeuzeVeld(queryset=None, label=_("Municipality"), empty_label=None)
    titel = _veld(Traject, "titel")

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
        self.fields["titel"].help_text = _("A short name that says what it is about.")
        gemeenten = list(gemeenten)
        if len(gemeenten) == 1:
            self.fields["gemeente"].widget = forms.HiddenInput()
            self.fields["gemeente"].initial = gemeenten[0].pk


class OpgaveForm(forms.Form):
    titel = _veld(Traject, "titel")
    opgave = _veld(Traject, "opgave")
    wensbeeld = _veld(Traject, "wensbeeld")
    wijken = forms.TypedMultipleChoiceField(
        label=_("Districts"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The area where the task lies."),
    )
    nieuwe_wijken = forms.CharField(
        label=_("New districts, separated by commas"),
        required=False,
        max_length=1000,
        help_text=_("Is a district not in the list? Type its name here."),
    )
    domein = _veld(Traject, "domein")

    def __init__(self, *args, wijken, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijken"].choices = [(w.pk, w.naam) for w in wijken]
        self.fields["wensbeeld"].help_text = _(
            "What is different for people when the task has succeeded?"
        )

    def clean_nieuwe_wijken(self):
        namen = self.cleaned_data["nieuwe_wijken"].split(",")
        return [naam.strip() for naam in namen if naam.strip()]


class KadersForm(forms.Form):
    beleidskaders = _veld(Traject, "beleidskaders")
    budget = _veld(Traject, "budget")
    geen_budgetplafond = _veld(Traject, "geen_budgetplafond")
    verlenging_maanden = _veld(Traject, "verlenging_maanden")
    opties_waarde = _veld(Traject, "opties_waarde")
    geraamde_waarde = _veld(Traject, "geraamde_waarde")
    dienst_soort = _veld(Traject, "dienst_soort", widget=forms.RadioSelect)
    juridisch_kader = _veld(Traject, "juridisch_kader")
    bestaande_verplichtingen = _veld(Traject, "bestaande_verplichtingen")
    belangen = _veld(Traject, "belangen")
    transitie = _veld(Traject, "transitie")
    gemeente_rol = forms.ChoiceField(
        label=_("Role of the municipality"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Make the municipality's own role explicit to everyone who takes part."),
    )
    contact_toegestaan = _veld(Traject, "contact_toegestaan")
    contact_regels = _veld(Traject, "contact_regels")
    # Issue 14, point 8: a condition of the agreement, printed in the call.
    sroi_percentage = _veld(Traject, "sroi_percentage", min_value=0, max_value=100)
    sroi_drempel = _veld(Traject, "sroi_drempel", min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente_rol"].choices = _keuzes_met_uitleg(
            GemeenteRol, GEMEENTE_ROL_UITLEG, _("Not chosen yet")
        )
        self.fields["geen_budgetplafond"].help_text = _(
            "Tick this if you deliberately set no budget cap. Then leave the budget empty."
        )

    def clean(self):
        data = super().clean()
        if data.get("budget") is not None and data.get("geen_budgetplafond"):
            self.add_error(
                "geen_budgetplafond", _("Give a budget or choose no budget cap, not both.")
            )
        return data


class VormForm(forms.Form):
    vorm = forms.ChoiceField(
        label=_("Form of trajectory"), required=False, widget=forms.RadioSelect
    )
    procedure = forms.ChoiceField(
        label=_("Procedure"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Only for a procurement."),
    )
    contractvorm = forms.ChoiceField(
        label=_("Contract form"), required=False, widget=forms.RadioSelect
    )
    bekostiging = forms.ChoiceField(
        label=_("Financing model"), required=False, widget=forms.RadioSelect
    )
    contractduur_maanden = _veld(Traject, "contractduur_maanden", min_value=1)
    tenderned_kenmerk = _veld(Traject, "tenderned_kenmerk")
    eigen_procedure = _veld(Traject, "eigen_procedure")

    def __init__(self, *args, vorm=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Issue 14: only the fields the route of the (chosen) form asks.
        for naam in list(self.fields):
            if not veld_past(None, naam, vorm=vorm or ""):
                del self.fields[naam]
        nog_niet = _("Not chosen yet")
        self.fields["vorm"].choices = _keuzes_met_uitleg(Vorm, VORM_UITLEG, nog_niet)
        if "procedure" in self.fields:
            self.fields["procedure"].choices = _keuzes_met_uitleg(
                Procedure, PROCEDURE_UITLEG, _("No procedure (not a procurement)")
            )
        if "contractvorm" in self.fields:
            self.fields["contractvorm"].choices = _keuzes_met_uitleg(
                Contractvorm, CONTRACTVORM_UITLEG, nog_niet
            )
        if "bekostiging" in self.fields:
            self.fields["bekostiging"].choices = _keuzes_met_uitleg(
                Bekostiging, BEKOSTIGING_UITLEG, nog_niet
            )

    def clean(self):
        data = super().clean()
        procurement = data.get("vorm") and route_van(vorm=data.get("vorm")).heeft(PROCEDURE)
        if procurement and not data.get("procedure"):
            self.add_error("procedure", _("Choose the procedure for the procurement."))
        elif data.get("procedure") and not procurement:
            self.add_error(
                "procedure", _("A procedure belongs to a procurement only. Choose no procedure.")
            )
        # Whether the procedure allows an own design or stages is one predicate
        # (`permissions.procedure_toegestaan`, `twee_rondes_toegestaan`): the service
        # refuses with it and the page puts the refusal on the field it names.
        return data


class SubsidieForm(forms.Form):
    """Issue 14, the subsidy route: the ceiling and the distribution rule, both published in
    the call before applications open (Awb art. 4:25-4:27)."""

    subsidieplafond = _veld(Traject, "subsidieplafond", min_value=0)
    verdeelregel = forms.ChoiceField(
        label=_("Distribution rule"), required=False, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verdeelregel"].choices = _keuzes_met_uitleg(
            Verdeelregel, VERDEELREGEL_UITLEG, _("Not chosen yet")
        )


class PlanningForm(forms.Form):
    """The six milestones in Dutch time. After publication a deadline that passed is shown
    but cannot be changed, and a published deadline says it can only move later (the
    service refuses an earlier one); the planned dates (assessment, award, start) move
    either way, also once passed (issue 13, rule 19)."""

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        nu = timezone.now()
        for naam in Traject.MIJLPALEN:
            if not veld_past(traject, naam):
                continue  # issue 14: e.g. no bid deadlines on a covenant
            veld = _veld(Traject, naam, widget=DATUMTIJD)
            veld.help_text = _("Date and time in Dutch time (Europe/Amsterdam).")
            moment = getattr(traject, naam)
            if (
                traject.is_gepubliceerd
                and moment is not None
                and moment <= nu
                and naam in Traject.DEADLINES_ALLEEN_LATER
            ):
                veld.disabled = True
                veld.help_text = _("This deadline has passed and cannot be moved any more.")
            elif traject.is_gepubliceerd and naam in Traject.PLANNINGSDATA:
                veld.help_text = _(
                    "Date and time in Dutch time (Europe/Amsterdam). This is a planned date, "
                    "not a deadline: a correction can move it earlier or later."
                )
            elif (
                traject.is_gepubliceerd
                and moment is not None
                and naam in Traject.DEADLINES_ALLEEN_LATER
            ):
                veld.help_text = _(
                    "Date and time in Dutch time (Europe/Amsterdam). This deadline is "
                    "published: it can only move later, not earlier."
                )
            self.fields[naam] = veld
        # Issue 14, point 9: the development fee belongs to the second stage, whose
        # deadline is set here; the service refuses a fee without it, on this field.
        if route_van(traject).mededinging:
            self.fields["ontwikkelvergoeding"] = _veld(
                Traject, "ontwikkelvergoeding", min_value=Decimal("0.01")
            )

    def clean(self):
        data = super().clean()
        # The input shows minutes: an unchanged moment keeps its seconds.
        for naam in Traject.MIJLPALEN:
            oud, nieuw = self.initial.get(naam), data.get(naam)
            if (
                isinstance(oud, datetime)
                and nieuw is not None
                and oud.replace(second=0, microsecond=0) == nieuw
            ):
                data[naam] = oud
        vorige = None
        for naam in Traject.MIJLPALEN:
            moment = data.get(naam)
            if moment is None:
                continue
            if vorige is not None and moment < data[vorige]:
                self.add_error(
                    naam,
                    _("This moment cannot be before '%(eerder)s'.")
                    % {"eerder": self.fields[vorige].label},
                )
                continue  # add_error removed it from the data: compare the next with `vorige`
            vorige = naam
        return data


class BewonersForm(forms.Form):
    """Issue 14, point 2: the residents' mandate, printed in the call."""

    commissie_samenstelling = _veld(Traject, "commissie_samenstelling")
    commissie_mandaat = forms.ChoiceField(
        label=_("Does the committee advise or decide?"),
        required=False,
        widget=forms.RadioSelect,
    )
    afwijken_van_advies = _veld(Traject, "afwijken_van_advies")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commissie_mandaat"].choices = _keuzes_met_uitleg(
            CommissieMandaat, COMMISSIE_MANDAAT_UITLEG, _("Not chosen yet")
        )

    def clean(self):
        data = super().clean()
        if (
            data.get("commissie_mandaat") == CommissieMandaat.ADVISEERT
            and not (data.get("afwijken_van_advies") or "").strip()
        ):
            self.add_error(
                "afwijken_van_advies",
                _(
                    "The committee advises: describe what happens when the college departs from "
                    "its advice."
                ),
            )
        return data


class _RijForm(forms.Form):
    """A row of a formset: an existing row carries its id."""

    id = IdVeld(required=False, widget=forms.HiddenInput)


class PerceelForm(_RijForm):
    nummer = _veld(Perceel, "nummer", required=False, min_value=1)
    naam = _veld(Perceel, "naam")
    beschrijving = _veld(Perceel, "beschrijving")
    budget = _veld(Perceel, "budget")
    wijken = forms.TypedMultipleChoiceField(
        label=_("Districts"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, wijk_keuzes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijken"].choices = wijk_keuzes
        self.fields["nummer"].help_text = _("Empty: the next free number.")


class _PercelenFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        nummers = [
            f.cleaned_data["nummer"]
            for f in self.forms
            if f.cleaned_data and not self._should_delete_form(f) and f.cleaned_data.get("nummer")
        ]
        if len(nummers) != len(set(nummers)):
            raise forms.ValidationError(_("Every lot needs its own number."))


PercelenFormSet = formset_factory(
    PerceelForm, formset=_PercelenFormSet, extra=2, can_delete=True, max_num=200
)


class GunningForm(forms.Form):
    gunningswijze = forms.ChoiceField(
        label=_("Award approach"),
        required=False,
        widget=forms.RadioSelect,
        choices=[("", _("Not chosen yet")), *Gunningswijze.choices],
        help_text=_(
            "In social procurement often quality alone, with a fixed budget. The weights are "
            "published in the call."
        ),
    )
    # Issue 13, rules 8 and 11: printed in the call.
    prijsformule = forms.ChoiceField(
        label=_("Price formula"),
        required=False,
        choices=Prijsformule.choices,
        initial=Prijsformule.LAAGSTE_GEDEELD,
        widget=forms.RadioSelect,
        help_text=_(
            "Only with a price criterion. The platform computes the points from the prices "
            "in the bids; the committee does not score price."
        ),
    )
    bodgesprekken = forms.BooleanField(
        label=_("The committee talks with every bidder about its bid"),
        required=False,
        help_text=_(
            "Every bidder of a lot gets a conversation of the same format and length. "
            "A conversation clarifies the bid and never changes it."
        ),
    )
    gesprek_vorm = forms.ChoiceField(
        label=_("Format of the conversations"),
        required=False,
        choices=[("", _("Not chosen yet")), *GesprekVorm.choices],
    )
    gesprek_duur_minuten = forms.IntegerField(
        label=_("Length of a conversation (minutes)"),
        required=False,
        min_value=10,
        max_value=240,
    )

    def clean(self):
        data = super().clean()
        if data.get("bodgesprekken"):
            if not data.get("gesprek_vorm"):
                self.add_error(
                    "gesprek_vorm", _("Choose the format of the conversations for the call.")
                )
            if not data.get("gesprek_duur_minuten"):
                self.add_error(
                    "gesprek_duur_minuten",
                    _("Give the length of a conversation for the call."),
                )
        return data


GUNNING_VELDEN = (
    "gunningswijze",
    "prijsformule",
    "bodgesprekken",
    "gesprek_vorm",
    "gesprek_duur_minuten",
)


class CriteriumForm(_RijForm):
    naam = _veld(Criterium, "naam")
    omschrijving = _veld(Criterium, "omschrijving")
    weging = _veld(Criterium, "weging", min_value=1, max_value=100)
    schaal_min = _veld(Criterium, "schaal_min")
    schaal_max = _veld(Criterium, "schaal_max")
    is_prijs = _veld(Criterium, "is_prijs")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weging"].help_text = _(
            "Only with weighted criteria. Together the weights make 100%."
        )

    def clean(self):
        data = super().clean()
        laag, hoog = data.get("schaal_min"), data.get("schaal_max")
        if laag is not None and hoog is not None and hoog <= laag:
            self.add_error("schaal_max", _("The highest score must be higher than the lowest."))
        return data


CriteriaFormSet = formset_factory(CriteriumForm, extra=2, can_delete=True, max_num=100)


class EisForm(_RijForm):
    soort = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Choose the kind")), *EisSoort.choices]
    )
    omschrijving = _veld(Eis, "omschrijving")
    perceel = forms.TypedChoiceField(
        label=_("Lot"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Empty: the requirement holds for every lot."),
    )
    bedrag = _veld(Eis, "bedrag")
    jaren = _veld(Eis, "jaren")
    risico = _veld(Eis, "risico")

    def __init__(self, *args, perceel_keuzes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perceel"].choices = [("", _("All lots")), *perceel_keuzes]


EisenFormSet = formset_factory(EisForm, extra=2, can_delete=True, max_num=200)


class BuurtbudgetForm(forms.Form):
    """Issue 14, burgeraanbesteding: the spending rules of the call."""

    besteding = _veld(Bestedingsregels, "besteding")
    offerte_drempel = _veld(Bestedingsregels, "offerte_drempel")
    offertes_boven = _veld(Bestedingsregels, "offertes_boven", min_value=1, max_value=10)
    offertes_onder = _veld(Bestedingsregels, "offertes_onder", min_value=1, max_value=10)
    minder_offertes_met_reden = _veld(Bestedingsregels, "minder_offertes_met_reden")
    max_zonder_goedkeuring = _veld(Bestedingsregels, "max_zonder_goedkeuring")
    overhevelen = _veld(Bestedingsregels, "overhevelen")
    belangenregel = _veld(Bestedingsregels, "belangenregel")

    def clean(self):
        data = super().clean()
        boven, onder = data.get("offertes_boven"), data.get("offertes_onder")
        if boven is not None and onder is not None and boven < onder:
            self.add_error(
                "offertes_boven",
                _("From the amount, at least as many quotes are needed as below it."),
            )
        return data


class VertegenwoordigerForm(_RijForm):
    perceel = forms.TypedChoiceField(label=_("Lot (district or village)"), coerce=int)
    email = forms.EmailField(
        label=_("E-mail address of the resident"),
        help_text=_("The resident needs an account on the platform with this address."),
    )
    hoe_gekozen = _veld(Vertegenwoordiger, "hoe_gekozen", required=True)

    def __init__(self, *args, perceel_keuzes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perceel"].choices = [("", _("Choose the lot")), *perceel_keuzes]
        self.fields["hoe_gekozen"].help_text = _(
            "For example: chosen by the village council, or at a residents' meeting."
        )


VertegenwoordigersFormSet = formset_factory(
    VertegenwoordigerForm, extra=2, can_delete=True, max_num=100
)


def rijen(formset, velden):
    """The rows of a valid formset for the service: changed or existing rows only."""
    resultaat = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or (not data.get("id") and not form.has_changed()):
            continue
        rij = {veld: data.get(veld) for veld in velden}
        rij["id"] = data.get("id")
        rij["verwijderen"] = bool(data.get("DELETE"))
        resultaat.append(rij)
    return resultaat


def gunning_valideren(gunning_form, criteria_formset):
    """The weight rules on the rows as submitted; errors go on the award-approach form."""
    criteria = [r for r in rijen(criteria_formset, ("weging", "is_prijs")) if not r["verwijderen"]]
    for fout in weging_fouten(gunning_form.cleaned_data.get("gunningswijze"), criteria):
        gunning_form.add_error(None, fout)
    return gunning_form.is_valid()


class TeamLidForm(forms.Form):
    medewerker = forms.TypedChoiceField(label=_("Colleague"), coerce=int)
    rol = forms.ChoiceField(label=_("Role"), choices=TeamRol.choices)

    def __init__(self, *args, collegas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].choices = [
            (m.pk, f"{m.user} ({m.get_functie_display()})") for m in collegas
        ]


class RedenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reason for the change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEKST_MIDDEL,
        help_text=_(
            "This trajectory is published. Every change is published as a correction, with "
            "this reason. Everyone who follows the trajectory gets a message about it. A new "
            "version of the call is made."
        ),
    )


class ToelichtingForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput, max_length=80)
    tekst = forms.CharField(
        label=_("Explanation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEKST_MIDDEL,
        help_text=_("Why is this needed here? The explanation is printed in the call."),
    )


class FaseForm(forms.Form):
    fase = forms.ChoiceField(label=_("Active phase"), choices=Fase.choices)


class SchetsvraagForm(_RijForm):
    """Issue 14, point 4: a question of the trajectory's own for the outline bid."""

    vraag = _veld(Schetsvraag, "vraag", required=False)
    toelichting = _veld(Schetsvraag, "toelichting")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vraag"].help_text = _("A short question, answered in the outline bid.")
        self.fields["toelichting"].help_text = _(
            "Optional: what helps a bidder to answer, for example how long the answer may be."
        )
        self.fields["toelichting"].widget.attrs["rows"] = 3


class _SchetsvragenFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        gevuld = [
            f
            for f in self.forms
            if f.cleaned_data
            and not self._should_delete_form(f)
            and (f.cleaned_data.get("id") or f.cleaned_data.get("vraag"))
        ]
        if len(gevuld) > MAX_SCHETSVRAGEN:
            raise forms.ValidationError(
                _(
                    "A call has at most %(max)s questions of its own for the outline bid. "
                    "Remove a question first."
                )
                % {"max": MAX_SCHETSVRAGEN}
            )
        for f in gevuld:
            if not (f.cleaned_data.get("vraag") or "").strip():
                f.add_error("vraag", _("Write the question, or tick Delete."))


SchetsvragenFormSet = formset_factory(
    SchetsvraagForm,
    formset=_SchetsvragenFormSet,
    extra=2,
    can_delete=True,
    max_num=MAX_SCHETSVRAGEN,
)
