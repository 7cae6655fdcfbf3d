"""Forms of the consensus meeting: planning it, and the consensus of one bid."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_MIDDEL
from aanbesteden.invoer import id_uit
from beoordeling.forms.commissie import NVT, ScoreForm

DATUMTIJD = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class PlannenForm(forms.Form):
    """An officer plans (or moves) the consensus meeting of a stage."""

    gepland_op = forms.DateTimeField(
        label=_("Date and time of the meeting"),
        help_text=_("In Dutch time. The committee members get a message."),
        widget=DATUMTIJD,
    )
    locatie = forms.CharField(
        label=_("Place or link"),
        max_length=300,
        required=False,
        help_text=_("The address of the meeting room, or the link of an online meeting."),
    )


class ConsensusScoreForm(ScoreForm):
    """One criterion: the committee's agreed score on its scale or "not applicable", with
    the motivation of the consensus."""

    def __init__(self, *args, gewogen=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["waarde"].label = self.criterium.naam
        self.fields["motivatie"].label = _("Motivation of the consensus")
        if gewogen:
            # Equal weights for every bid (issue 13, rule 7): no "not applicable" for one
            # bid; a criterion is dropped for the whole lot on the meeting page.
            veld = self.fields["waarde"]
            veld.choices = [k for k in veld.choices if k[0] != NVT]
            veld.help_text = _(
                "On a weighted award every bid of the lot gets a score on this criterion. "
                "If it does not apply to this lot, drop it for every bid on the meeting page."
            )

    @staticmethod
    def initial_van(score):
        if score is None:
            return {}
        waarde = NVT if score.niet_van_toepassing else str(score.waarde)
        return {"waarde": waarde, "motivatie": score.motivatie}

    def invoer(self):
        """The entry for `services.consensus.consensus_vastleggen`."""
        return {"criterium": self.criterium, **self.service_kwargs()}


class ConsensusOordeelForm(forms.Form):
    """The committee's judgement of the whole bid, and for "quality only" its rank."""

    def __init__(self, *args, aantal=0, kwaliteit=False, disabled=False, **kwargs):
        kwargs.setdefault("prefix", "oordeel")
        super().__init__(*args, **kwargs)
        self.fields["oordeel"] = forms.CharField(
            label=_("Judgement of the committee"),
            help_text=_("What does the committee agree is good about this plan, and what less?"),
            required=False,
            max_length=TEKST_MIDDEL,
            widget=forms.Textarea(attrs={"rows": 5}),
            disabled=disabled,
        )
        if kwaliteit:
            self.fields["rang"] = forms.TypedChoiceField(
                label=_("Agreed rank among the bids for this lot"),
                help_text=_("1 is the best bid. Each rank is given once."),
                choices=[("", "–")] + [(str(i), str(i)) for i in range(1, max(aantal, 1) + 1)],
                coerce=int,
                empty_value=None,
                required=False,
                disabled=disabled,
            )


class AanwezigheidForm(forms.Form):
    """The chair ticks which committee members attended the meeting (issue 13, rule 6)."""

    def __init__(self, *args, leden=(), **kwargs):
        kwargs.setdefault("prefix", "aanwezig")
        super().__init__(*args, **kwargs)
        self.fields["aanwezigen"] = forms.TypedMultipleChoiceField(
            label=_("Who attended the meeting?"),
            help_text=_(
                "Tick every member who was there. If this changes later, every "
                "confirmation of the consensus lapses."
            ),
            choices=[(str(x.pk), x.user.get_full_name() or x.user.email) for x in leden],
            coerce=id_uit,
            widget=forms.CheckboxSelectMultiple,
        )


class VervallenForm(forms.Form):
    """On a weighted award: drop a criterion for every bid of one lot, with the reason
    (issue 13, rule 7)."""

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterium"] = forms.TypedChoiceField(
            label=_("Criterion that does not count for this lot"),
            choices=[(str(c.pk), c.naam) for c in criteria],
            coerce=id_uit,
        )
        self.fields["reden"] = forms.CharField(
            label=_("Why does it not count, for any bid of this lot?"),
            help_text=_(
                "The criterion then counts for no bid of this lot, so the weights stay "
                "the same for every bid. Consensus scores already given to it are removed."
            ),
            max_length=TEKST_MIDDEL,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
