"""Forms of the award: the decision per lot, objections, and the explanation to the
neighbourhood."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_LANG, TEKST_MIDDEL


class BesluitForm(forms.Form):
    """The award decision for one lot: the winner among its candidates, and why."""

    winnend_bod = forms.TypedChoiceField(
        label=_("Winning bid"), coerce=int, widget=forms.RadioSelect, choices=()
    )
    motivatie = forms.CharField(
        label=_("Reasons for the decision"),
        max_length=TEKST_LANG,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Every bidder reads these reasons in their letter."),
    )
    kenmerken = forms.CharField(
        label=_("Features and advantages of the winning bid"),
        max_length=TEKST_LANG,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What makes the winning bid the best? Every bidder reads this too."),
    )

    def __init__(self, *args, keuzes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["winnend_bod"].choices = keuzes


DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BezwaarForm(forms.Form):
    """A complaint that came in at the complaints desk, recorded by an officer. It is
    answered, and does not by itself pause signing."""

    bod = forms.TypedChoiceField(
        label=_("From which bidder?"), coerce=int, required=False, empty_value=None, choices=()
    )
    omschrijving = forms.CharField(
        label=_("What is the complaint about?"),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, keuzes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bod"].choices = [("", _("Someone else"))] + list(keuzes)


class KortGedingForm(BezwaarForm):
    """A summary court case (kort geding) announced against the decision, recorded by an
    officer with the day it was announced. It pauses signing until its judgment."""

    aangekondigd_op = forms.DateField(
        label=_("Day the court case was announced"),
        widget=DATUM,
        help_text=_(
            "The day the bidder summoned the municipality or told it about the court case. "
            "Only a court case announced within the standstill period pauses signing."
        ),
    )

    field_order = ["bod", "aangekondigd_op", "omschrijving"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["omschrijving"].label = _("What is the court case about?")


class AfhandelenForm(forms.Form):
    """The answer to a complaint."""

    uitkomst = forms.CharField(
        label=_("Answer to the complaint"),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class UitspraakForm(forms.Form):
    """The judgment in a summary court case."""

    uitspraak_op = forms.DateField(label=_("Day of the judgment"), widget=DATUM)
    uitkomst = forms.CharField(
        label=_("What did the judge decide?"),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ToelichtingForm(forms.Form):
    tekst = forms.CharField(
        label=_("Explanation to the neighbourhood"),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Explain in plain words why the committee chose this plan. It appears on the "
            "public page of the trajectory once the letters are sent."
        ),
    )
