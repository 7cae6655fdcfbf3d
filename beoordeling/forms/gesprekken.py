"""Forms of the conversations with bidders: planning (or moving) one, and a note."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_MIDDEL

DATUMTIJD = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class PlannenForm(forms.Form):
    """An officer plans (or moves) the conversation with a bidder. With `biedingen`
    (a list of (pk, label)) the officer chooses the bid; without, the bid is given."""

    bod = forms.TypedChoiceField(label=_("Bid"), coerce=int, choices=())
    gepland_op = forms.DateTimeField(
        label=_("Date and time"),
        help_text=_("In Dutch time."),
        widget=DATUMTIJD,
    )
    locatie = forms.CharField(
        label=_("Place or link"),
        max_length=300,
        required=False,
        help_text=_("The address, or a link for a video call."),
    )
    toelichting = forms.CharField(
        label=_("What do you want to talk about?"),
        required=False,
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The bidder reads this, so that they can prepare."),
    )

    def __init__(self, *args, biedingen=None, **kwargs):
        super().__init__(*args, **kwargs)
        if biedingen is None:
            del self.fields["bod"]
        else:
            self.fields["bod"].choices = [("", _("Choose a bid")), *biedingen]


class NotitieForm(forms.Form):
    tekst = forms.CharField(
        label=_("Your note"),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What struck you in the conversation? Only the committee and the officers read "
            "this; the bidder does not."
        ),
    )


class VerslagForm(forms.Form):
    """Issue 13, rule 11: what was clarified in the conversation, for the bidder."""

    verslag = forms.CharField(
        label=_("What was clarified"),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "A short record for the bidder: what did the conversation clarify about the bid? "
            "The bidder receives it and reads it on the page of the bid. A conversation never "
            "changes the bid. Your own notes stay with the committee."
        ),
    )
