"""Forms of the dialogue: sessions, registrations, reports, questions, answers, notas.

Plain forms (not model forms): the services check the rules and give the Dutch messages;
labels come from the models' verbose names so they are translated once.
"""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_KORT, TEKST_LANG, TEKST_MIDDEL
from aanbesteden.invoer import IdKeuzeVeld
from trajecten.constants import BijeenkomstSoort
from trajecten.models import Bijeenkomst, Vraag

DATETIME_WIDGET = {"attrs": {"type": "datetime-local"}, "format": "%Y-%m-%dT%H:%M"}


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


class BijeenkomstForm(forms.Form):
    titel = forms.CharField(label=_label(Bijeenkomst, "titel"), max_length=200)
    soort = forms.ChoiceField(label=_label(Bijeenkomst, "soort"), choices=BijeenkomstSoort.choices)
    omschrijving = forms.CharField(
        label=_label(Bijeenkomst, "omschrijving"),
        required=False,
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    begint_op = forms.DateTimeField(
        label=_label(Bijeenkomst, "begint_op"),
        help_text=_("Date and time in Dutch time."),
        widget=forms.DateTimeInput(**DATETIME_WIDGET),
    )
    eindigt_op = forms.DateTimeField(
        label=_label(Bijeenkomst, "eindigt_op"),
        help_text=_("Date and time in Dutch time."),
        widget=forms.DateTimeInput(**DATETIME_WIDGET),
    )
    locatie = forms.CharField(
        label=_label(Bijeenkomst, "locatie"),
        max_length=255,
        required=False,
        help_text=_("The address. Give a place, an online link, or both."),
    )
    online_link = forms.URLField(
        label=_label(Bijeenkomst, "online_link"),
        required=False,
        max_length=Bijeenkomst._meta.get_field("online_link").max_length,
        assume_scheme="https",
        help_text=_("Only people who registered see this link."),
    )
    capaciteit = forms.IntegerField(
        label=_label(Bijeenkomst, "capaciteit"),
        required=False,
        min_value=1,
        help_text=_("Empty: no limit."),
    )
    max_per_organisatie = forms.IntegerField(
        label=_label(Bijeenkomst, "max_per_organisatie"),
        required=False,
        min_value=1,
        max_value=32767,
        help_text=_("Empty: no limit."),
    )

    @classmethod
    def initial_van(cls, bijeenkomst):
        return {name: getattr(bijeenkomst, name) for name in cls.base_fields}

    def clean(self):
        data = super().clean()
        begint_op, eindigt_op = data.get("begint_op"), data.get("eindigt_op")
        if begint_op and eindigt_op and eindigt_op <= begint_op:
            self.add_error("eindigt_op", _("The session must end after it starts."))
        if "locatie" in data and "online_link" in data:
            if not data["locatie"].strip() and not data["online_link"].strip():
                self.add_error("locatie", _("Give a place, an online link, or both."))
        return data


class AanmeldenForm(forms.Form):
    """Registration. Logged in: name (prefilled) and organisation; else also the e-mail address
    (the registration then counts once the link mailed to it is opened)."""

    naam = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send the confirmation and any changes to this address."),
    )
    organisatie = forms.CharField(
        label=_("Your organisation (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )

    def __init__(self, *args, user=None, organisaties=(), **kwargs):
        """`organisaties`: (key, name) of the logged-in user's own organisations. Then the
        organisation is chosen from those (it counts for the limit per organisation);
        otherwise it is free text that does not count for that limit."""
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            del self.fields["email"]
            self.fields["naam"].initial = user.naam
        if organisaties:
            del self.fields["organisatie"]
            self.fields["organisatie_sleutel"] = forms.ChoiceField(
                label=_("Your organisation (optional)"),
                required=False,
                choices=[("", _("None: I register for myself")), *organisaties],
                help_text=_("Only organisations you belong to on this platform."),
            )
        else:
            self.fields["organisatie"].help_text = _(
                "A session can have a limit per organisation. That limit counts only "
                "organisations you belong to on this platform: log in to choose one."
            )


class VerslagForm(forms.Form):
    verslag = forms.CharField(
        label=_label(Bijeenkomst, "verslag"),
        max_length=TEKST_LANG,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("What was said and agreed. Do not name people without their consent."),
    )


class VraagForm(forms.Form):
    tekst = forms.CharField(
        label=_("Your question"),
        max_length=TEKST_KORT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Everyone sees the answer. Your name is never published."),
    )
    perceel = IdKeuzeVeld(
        label=_("About lot (optional)"),
        queryset=None,
        required=False,
        empty_label=_("The whole trajectory"),
    )

    def __init__(self, *args, traject, percelen=None, **kwargs):
        super().__init__(*args, **kwargs)
        if percelen is None:
            percelen = traject.percelen.order_by("nummer")
        self.fields["perceel"].queryset = percelen
        if not percelen:
            del self.fields["perceel"]


class AntwoordForm(forms.Form):
    antwoord = forms.CharField(
        label=_label(Vraag, "antwoord"),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
