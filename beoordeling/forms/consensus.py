"""Forms of the consensus meeting: planning it, and the consensus of one bid."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_MIDDEL
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["waarde"].label = self.criterium.naam
        self.fields["motivatie"].label = _("Motivation of the consensus")

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
