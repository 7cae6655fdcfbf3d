"""Forms of the partner board. Plain forms: the services check the rules and give the
messages; labels come from the models' verbose names where they exist."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_KORT, TEKST_MIDDEL
from aanbesteden.invoer import IdKeuzeVeld
from coalities.models import Interesse, Organisatie, Sleutelpartij, TrajectUitnodiging


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


class OrganisatieKeuze(forms.TypedChoiceField):
    """A choice among organisations already loaded (a list): no query to render or check.
    The cleaned value is the organisation."""

    def __init__(self, **kwargs):
        super().__init__(coerce=int, **kwargs)
        self.organisaties = {}

    def set_organisaties(self, organisaties):
        self.organisaties = {o.pk: o for o in organisaties}
        self.choices = [(o.pk, o.naam) for o in organisaties]

    def clean(self, value):
        pk = super().clean(value)
        return self.organisaties.get(pk) if pk not in (None, "") else None


class InteresseForm(forms.Form):
    organisatie = OrganisatieKeuze(
        label=_("On behalf of"),
        help_text=_("One of the organisations you are a member of."),
    )
    percelen = forms.TypedMultipleChoiceField(
        label=_label(Interesse, "percelen"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose no lot if you are interested in the whole trajectory."),
    )
    bieden = forms.CharField(
        label=_label(Interesse, "bieden"),
        max_length=TEKST_KORT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What your organisation brings: people, a place, knowledge, a network."),
    )
    zoeken = forms.CharField(
        label=_label(Interesse, "zoeken"),
        max_length=TEKST_KORT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. The partners or the knowledge you still need."),
    )

    def __init__(self, *args, organisaties, percelen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].set_organisaties(organisaties)
        if percelen:
            self.fields["percelen"].choices = [(p.pk, str(p)) for p in percelen]
        else:
            del self.fields["percelen"]


class ContactForm(forms.Form):
    van = OrganisatieKeuze(
        label=_("On behalf of"),
        help_text=_("One of the organisations you are a member of."),
    )
    tekst = forms.CharField(
        label=_("Your message"),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "The administrators of the organisation receive your message on the platform. "
            "They do not see your e-mail address until they answer."
        ),
    )

    def __init__(self, *args, organisaties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["van"].set_organisaties(organisaties)


class AntwoordForm(forms.Form):
    namens = forms.TypedChoiceField(label=_("On behalf of"), coerce=int)
    tekst = forms.CharField(
        label=_("Your message"),
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, kanten, **kwargs):
        super().__init__(*args, **kwargs)
        self.kanten = {o.pk: o for o in kanten}
        self.fields["namens"].choices = [(o.pk, o.naam) for o in kanten]
        if len(kanten) == 1:
            self.fields["namens"].widget = forms.HiddenInput()
            self.fields["namens"].initial = kanten[0].pk

    def clean_namens(self):
        return self.kanten[self.cleaned_data["namens"]]


class TrajectUitnodigingForm(forms.Form):
    naam = forms.CharField(label=_label(TrajectUitnodiging, "naam"), max_length=200)
    email = forms.EmailField(label=_label(TrajectUitnodiging, "email"))
    bericht = forms.CharField(
        label=_label(TrajectUitnodiging, "bericht"),
        max_length=TEKST_KORT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. A few words of your own, added to the invitation."),
    )


class SleutelpartijZoekForm(forms.Form):
    zoek = forms.CharField(
        label=_("Search an organisation by name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class SleutelpartijForm(forms.Form):
    """Any organisation on the platform is valid; the choices shown are the candidates."""

    organisatie = IdKeuzeVeld(
        label=_("Organisation"),
        queryset=Organisatie.objects.all(),
        help_text=_("The organisations that showed interest, and those found by your search."),
    )
    reden = forms.CharField(
        label=_label(Sleutelpartij, "reden"),
        max_length=TEKST_KORT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the only school in the district. Shown on the partner board."),
    )

    def __init__(self, *args, kandidaten=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.toon_kandidaten(kandidaten)

    def toon_kandidaten(self, kandidaten):
        """The choices shown (a list already loaded); checking still accepts any organisation."""
        self.fields["organisatie"].choices = [("", "---------")] + [
            (o.pk, o.naam) for o in kandidaten
        ]
