"""Forms of the consultation of a draft call (issue 14, point 1).

Plain forms: the services check the rules and give the Dutch messages.
"""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_KORT, TEKST_MIDDEL
from trajecten.constants import ConsultatieSectie, Overgenomen
from trajecten.models import Consultatie

DATETIME_WIDGET = {"attrs": {"type": "datetime-local"}, "format": "%Y-%m-%dT%H:%M"}


def _label(name):
    return capfirst(Consultatie._meta.get_field(name).verbose_name)


class ConsultatieForm(forms.Form):
    sluit_op = forms.DateTimeField(
        label=_label("sluit_op"),
        help_text=_("Date and time in Dutch time. After this moment nobody can react."),
        widget=forms.DateTimeInput(**DATETIME_WIDGET),
    )
    gevraagd = forms.CharField(
        label=_label("gevraagd"),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "For example: is the task clear, are the lots the right size, is the planning "
            "feasible? This is shown on the public page of the draft."
        ),
    )
    marktconsultatie_kenmerk = forms.CharField(
        label=_label("marktconsultatie_kenmerk"),
        max_length=100,
        required=False,
        help_text=_("Optional: the reference when the market consultation is also on TenderNed."),
    )


class ReactieForm(forms.Form):
    """A reaction. Logged in: the section and the text; else also the name and the e-mail
    address (the reaction counts once the link mailed to it is opened)."""

    sectie = forms.ChoiceField(label=_("Your reaction is about"), choices=ConsultatieSectie.choices)
    tekst = forms.CharField(
        label=_("Your reaction"),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Your reaction is published in the report with the call, without your name. "
            "Do not write names of other people."
        ),
    )
    naam = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Only the municipality sees your name."),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_(
            "We send a link to confirm your reaction to this address. We never show it to anyone."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            del self.fields["naam"]
            del self.fields["email"]


class ReactieAntwoordForm(forms.Form):
    antwoord = forms.CharField(
        label=_("Answer"),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Published in the report with the call, for everyone at the same time."),
    )
    overgenomen = forms.ChoiceField(
        label=_("Taken over in the call?"),
        choices=Overgenomen.choices,
        widget=forms.RadioSelect,
    )
    waarom = forms.CharField(
        label=_("Why not otherwise"),
        max_length=TEKST_KORT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the reaction is not or only partly taken over."),
    )
