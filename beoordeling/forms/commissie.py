"""Forms of the selection committee: composing it, a member's own details, the
declaration, and the scores."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_MIDDEL
from aanbesteden.invoer import IdKeuzeVeld, id_uit
from beoordeling.constants import Leeftijdsgroep

NVT = "nvt"


def _percelen_veld(percelen):
    """The lots as checkboxes; `percelen` a list read once for the page (no query per form).
    The service checks that the ids are lots of the trajectory."""
    return forms.TypedMultipleChoiceField(
        label=_("Lots"),
        choices=[(str(p.pk), str(p)) for p in percelen],
        coerce=id_uit,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Choose the lots this person judges, for example their own district. "
            "Choose none for the whole trajectory."
        ),
    )


class PercelenMixin:
    """Adds the lots field (issue 13, rule 4) when the trajectory has more than one lot."""

    def _percelen(self, percelen):
        if percelen is not None and len(percelen) > 1:
            self.fields["percelen"] = _percelen_veld(percelen)


class UitnodigenForm(PercelenMixin, forms.Form):
    """An officer invites someone by e-mail (mostly a resident)."""

    def __init__(self, *args, percelen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._percelen(percelen)

    naam = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send the invitation here. They log in with a code, no password."),
    )
    is_bewoner = forms.BooleanField(
        label=_("This person is a resident"), required=False, initial=True
    )


class AmbtenaarForm(PercelenMixin, forms.Form):
    """An officer adds an official: an officer of the gemeente."""

    user = IdKeuzeVeld(label=_("Officer"), queryset=None, empty_label=None)

    def __init__(self, *args, ambtenaren, percelen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = ambtenaren
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name()} ({u.email})"
        self._percelen(percelen)


class PercelenForm(forms.Form):
    """An officer binds a member to lots (none: the whole trajectory)."""

    def __init__(self, *args, percelen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["percelen"] = _percelen_veld(percelen)


class GeheimhoudingForm(forms.Form):
    """The confidentiality declaration, once per trajectory."""

    akkoord = forms.BooleanField(
        label=_(
            "I keep everything I read about the bids to myself: the plans, the amounts, the "
            "scores and what the committee discusses. I do not share it with anyone outside "
            "the committee and the municipality, also not after the award."
        ),
        error_messages={"required": _("Tick the box to sign the declaration.")},
    )


class GegevensForm(forms.Form):
    """A member declares their age group and neighbourhood. Both are optional."""

    leeftijdsgroep = forms.ChoiceField(
        label=_("Age group"),
        choices=[("", _("I'd rather not fill this in"))] + list(Leeftijdsgroep.choices),
        required=False,
        widget=forms.RadioSelect,
    )
    buurt = forms.CharField(
        label=_("Neighbourhood"),
        max_length=120,
        required=False,
        help_text=_("The neighbourhood where you live. You may leave this empty."),
    )


class VerklaringForm(forms.Form):
    """The conflict-of-interest declaration for one lot."""

    conflict = forms.TypedChoiceField(
        label=_(
            "Do you personally know someone at these organisations, do you work there, "
            "or do you have an interest in them?"
        ),
        choices=[("nee", _("No")), ("ja", _("Yes"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
        help_text=_(
            "If you answer yes, you do not read or score any bid of this lot. That is fine."
        ),
    )
    toelichting = forms.CharField(
        label=_("Explanation (optional)"),
        required=False,
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def te_scoren(criteria):
    """The criteria the committee scores: every one but the price criterion, whose points
    the platform computes with the published formula (issue 13, rule 8)."""
    return [c for c in criteria if not c.is_prijs]


class ScoreForm(forms.Form):
    """One criterion: a score on its scale or "not applicable", with a short motivation."""

    def __init__(self, *args, criterium, disabled=False, **kwargs):
        kwargs.setdefault("prefix", f"c{criterium.pk}")
        super().__init__(*args, **kwargs)
        self.criterium = criterium
        keuzes = [(str(i), str(i)) for i in range(criterium.schaal_min, criterium.schaal_max + 1)]
        keuzes.append((NVT, _("Not applicable")))
        self.fields["waarde"] = forms.ChoiceField(
            label=criterium.naam,
            choices=keuzes,
            required=False,
            widget=forms.RadioSelect,
            disabled=disabled,
        )
        self.fields["motivatie"] = forms.CharField(
            label=_("Why this score?"),
            required=False,
            max_length=TEKST_MIDDEL,
            widget=forms.Textarea(attrs={"rows": 3}),
            disabled=disabled,
        )

    @staticmethod
    def initial_van(score):
        if score is None:
            return {}
        if score.niet_van_toepassing:
            waarde = NVT
        elif score.waarde is not None:
            waarde = str(score.waarde)
        else:
            waarde = ""
        return {"waarde": waarde, "motivatie": score.motivatie}

    def service_kwargs(self):
        waarde = self.cleaned_data.get("waarde") or ""
        return {
            "waarde": None if waarde in ("", NVT) else int(waarde),
            "niet_van_toepassing": waarde == NVT,
            "motivatie": self.cleaned_data.get("motivatie", ""),
        }


class OordeelForm(forms.Form):
    """For "quality only": the overall judgement and a rank among the bids of the lot."""

    def __init__(self, *args, aantal, disabled=False, **kwargs):
        kwargs.setdefault("prefix", "oordeel")
        super().__init__(*args, **kwargs)
        self.fields["oordeel"] = forms.CharField(
            label=_("Your overall judgement"),
            help_text=_("What is good about this plan, and what is less good?"),
            required=False,
            max_length=TEKST_MIDDEL,
            widget=forms.Textarea(attrs={"rows": 5}),
            disabled=disabled,
        )
        self.fields["rang"] = forms.TypedChoiceField(
            label=_("Rank among the bids for this lot"),
            help_text=_("1 is the best bid. You can change this until you submit."),
            choices=[("", "–")] + [(str(i), str(i)) for i in range(1, max(aantal, 1) + 1)],
            coerce=int,
            empty_value=None,
            required=False,
            disabled=disabled,
        )
