"""Forms of the coalition pages: thin, the services check the rules."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_LANG, TEKST_MIDDEL
from aanbesteden.invoer import IdKeuzeVeld, IdMeerkeuzeVeld
from coalities.constants import LEIDENDE_ROLLEN, PartnerRol
from coalities.models import Organisatie
from trajecten.models import Perceel

LEIDER_KEUZES = [(rol.value, rol.label) for rol in LEIDENDE_ROLLEN]
PARTNER_KEUZES = [
    (PartnerRol.PARTNER.value, PartnerRol.PARTNER.label),
    (PartnerRol.ONDERAANNEMER.value, PartnerRol.ONDERAANNEMER.label),
    (PartnerRol.SLEUTELPARTIJ.value, PartnerRol.SLEUTELPARTIJ.label),
]


def _procent_veld(label, help_text):
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
        initial=Decimal("0"),
    )


def _bijdrage_veld(label):
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example people, a building, knowledge of the neighbourhood or money."),
    )


class _AandelenMixin(forms.Form):
    aandeel_budget = _procent_veld(
        _("Share of the budget (%)"),
        _("The part of the money this organisation gets, as agreed together."),
    )
    aandeel_zeggenschap = _procent_veld(
        _("Share of the say (%)"),
        _("How much this organisation decides in the coalition, as agreed together."),
    )


def _percelen_veld(traject):
    percelen = Perceel.objects.filter(traject=traject).order_by("nummer")
    return IdMeerkeuzeVeld(
        label=_("Lots"),
        queryset=percelen,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The lots this coalition bids on. Choose at least one."),
    )


class CoalitieVormenForm(_AandelenMixin):
    organisatie = IdKeuzeVeld(
        label=_("Our organisation"),
        queryset=Organisatie.objects.none(),
        empty_label=None,
        help_text=_("You can form a coalition for an organisation where you are administrator."),
    )
    naam = forms.CharField(label=_("Name of the coalition"), max_length=200)
    percelen = IdMeerkeuzeVeld(queryset=Perceel.objects.none())
    plan = forms.CharField(
        label=_("What we want to do together"),
        required=False,
        max_length=TEKST_LANG,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    rol = forms.ChoiceField(
        label=_("Role of our organisation"),
        choices=LEIDER_KEUZES,
        initial=PartnerRol.PENVOERDER,
        widget=forms.RadioSelect,
        help_text=_(
            "A lead partner does the work and carries the responsibility. "
            "A facilitating lead only organises the coalition."
        ),
    )
    bijdrage = _bijdrage_veld(_("What our organisation contributes"))

    field_order = [
        "organisatie",
        "naam",
        "percelen",
        "plan",
        "rol",
        "bijdrage",
        "aandeel_budget",
        "aandeel_zeggenschap",
    ]

    def __init__(self, *args, traject, organisaties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = organisaties
        self.fields["percelen"] = _percelen_veld(traject)
        percelen = list(self.fields["percelen"].queryset)
        if not percelen:
            del self.fields["percelen"]
        elif len(percelen) == 1 and not self.is_bound:
            self.initial["percelen"] = [percelen[0].pk]
        self.order_fields(self.field_order)

    def clean_percelen(self):
        percelen = self.cleaned_data["percelen"]
        if not percelen:
            raise forms.ValidationError(_("Choose at least one lot."))
        return percelen


class CoalitieWijzigenForm(forms.Form):
    naam = forms.CharField(label=_("Name of the coalition"), max_length=200)
    percelen = IdMeerkeuzeVeld(queryset=Perceel.objects.none())
    plan = forms.CharField(
        label=_("What we want to do together"),
        required=False,
        max_length=TEKST_LANG,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, coalitie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["percelen"] = _percelen_veld(coalitie.traject)
        if not self.fields["percelen"].queryset.exists():
            del self.fields["percelen"]
        self.order_fields(["naam", "percelen", "plan"])

    @staticmethod
    def initial_van(coalitie):
        return {
            "naam": coalitie.naam,
            "percelen": [p.pk for p in coalitie.percelen.all()],
            "plan": coalitie.plan,
        }

    def clean_percelen(self):
        percelen = self.cleaned_data["percelen"]
        if not percelen:
            raise forms.ValidationError(_("Choose at least one lot."))
        return percelen


class OrganisatieZoekenForm(forms.Form):
    zoek = forms.CharField(
        label=_("Search an organisation by name"),
        required=False,
        max_length=100,
    )


class PartnerUitnodigenForm(_AandelenMixin):
    organisatie = IdKeuzeVeld(
        label=_("Organisation"),
        queryset=Organisatie.objects.all(),
        help_text=_(
            "First the organisations that showed interest in this trajectory, "
            "then the results of your search."
        ),
    )
    rol = forms.ChoiceField(
        label=_("Role"),
        choices=PARTNER_KEUZES,
        initial=PartnerRol.PARTNER,
        widget=forms.RadioSelect,
        help_text=_(
            "A partner bids together with you and reads the bid. A subcontractor does part of "
            "the work for you and does not read the bid. A key party of the trajectory "
            "supports coalitions with a commitment and does not read the bid either."
        ),
    )
    bijdrage = _bijdrage_veld(_("What this organisation contributes"))

    field_order = ["organisatie", "rol", "bijdrage", "aandeel_budget", "aandeel_zeggenschap"]

    def __init__(self, *args, geinteresseerd=(), gevonden=(), alleen_als=None, **kwargs):
        super().__init__(*args, **kwargs)
        alleen_als = alleen_als or {}

        def keuze(o):
            # Issue 14, point 7: an organisation that can take part only in one role says so.
            if o.pk in alleen_als:
                return (
                    o.pk,
                    _("%(naam)s (only as %(rol)s)")
                    % {"naam": o.naam, "rol": str(alleen_als[o.pk]).lower()},
                )
            return (o.pk, o.naam)

        groepen = []
        if geinteresseerd:
            groepen.append((_("Interested in this trajectory"), [keuze(o) for o in geinteresseerd]))
        if gevonden:
            groepen.append((_("Search results"), [keuze(o) for o in gevonden]))
        self.fields["organisatie"].choices = [("", _("Choose an organisation")), *groepen]
        self.order_fields(self.field_order)


class PartnerWijzigenForm(_AandelenMixin):
    rol = forms.ChoiceField(label=_("Role"), widget=forms.RadioSelect)
    bijdrage = _bijdrage_veld(_("What this organisation contributes"))

    field_order = ["rol", "bijdrage", "aandeel_budget", "aandeel_zeggenschap"]

    def __init__(self, *args, partner, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "rol": partner.rol,
                "bijdrage": partner.bijdrage,
                "aandeel_budget": partner.aandeel_budget,
                "aandeel_zeggenschap": partner.aandeel_zeggenschap,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["rol"].choices = (
            LEIDER_KEUZES if partner.rol in LEIDENDE_ROLLEN else PARTNER_KEUZES
        )
        self.order_fields(self.field_order)


class ToezeggingForm(forms.Form):
    """Issue 13, rule 1: what a key party offers the coalition."""

    tekst = forms.CharField(
        label=_("What your organisation offers this coalition"),
        help_text=_(
            "For example a room two afternoons a week, or help in reaching parents. The "
            "coalition sees this; after the opening of the bids the committee and the "
            "municipality see it too. Other coalitions do not."
        ),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class OnafhankelijkheidForm(forms.Form):
    """Issue 13, rule 1: a subcontractor signs its declaration of independence for a lot."""

    akkoord = forms.BooleanField(
        label=_("I sign this declaration for my organisation"),
        required=True,
    )
