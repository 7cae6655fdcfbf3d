"""Forms of the organisations part: the profile, inviting a colleague, a member's role, and the
directory's filters (django-filter: a GET form that works without JavaScript)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import ZOEK_MAX
from coalities.constants import PROFIELVELDEN, LidRol, OrganisatieType, Rechtsvorm
from coalities.models import Organisatie

# One line in plain Dutch for each type, shown beside its radio button.
TYPE_UITLEG = {
    OrganisatieType.INSTELLING: _(
        "For example a school, a care provider, a housing association or a library."
    ),
    OrganisatieType.INFORMEEL: _(
        "Residents or volunteers who do something together. A foundation or association is "
        "not needed."
    ),
    OrganisatieType.SOCIAAL_ONDERNEMER: _(
        "A business whose first goal is to help people or the neighbourhood."
    ),
    OrganisatieType.BEDRIJF: _("A business that works for profit, such as a shop or a builder."),
}


def type_keuzes():
    return [
        (waarde, format_lazy("{} – {}", label, TYPE_UITLEG[OrganisatieType(waarde)]))
        for waarde, label in OrganisatieType.choices
    ]


class OrganisatieForm(forms.ModelForm):
    """The profile. Only the type and the name are required."""

    type = forms.ChoiceField(
        label=_("What kind of organisation are you?"),
        choices=type_keuzes,
        widget=forms.RadioSelect,
    )
    rechtsvorm = forms.ChoiceField(
        label=_("Legal form"),
        choices=[("", _("Not filled in"))] + list(Rechtsvorm.choices),
        required=False,
        help_text=_('Choose "None" if your group has no legal form. That is fine.'),
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )

    class Meta:
        model = Organisatie
        fields = list(PROFIELVELDEN)
        labels = {
            "naam": _("Name"),
            "beschrijving": _("What do you do?"),
            "werkgebied": _("Where do you work?"),
            "kvk_nummer": _("KvK number"),
            "mensen": _("Who are you?"),
            "referenties": _("References"),
        }
        help_texts = {
            "beschrijving": _(
                "In a few sentences. For example: we help older residents with "
                "shopping and small jobs."
            ),
        }
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 4}),
            "mensen": forms.Textarea(attrs={"rows": 3}),
            "referenties": forms.Textarea(attrs={"rows": 3}),
            "kvk_nummer": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }


class UitnodigenForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of your colleague"),
        help_text=_("We send an e-mail with a link. Your colleague does not need an account yet."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    rol = forms.ChoiceField(
        label=_("Role"),
        choices=LidRol.choices,
        initial=LidRol.LID,
        widget=forms.RadioSelect,
        help_text=_("An administrator may change the profile and the members."),
    )


class RolForm(forms.Form):
    rol = forms.ChoiceField(label=_("Role"), choices=LidRol.choices)


class OrganisatieFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_zoek",
        max_length=ZOEK_MAX,
        help_text=_("Words in the name, what the organisation does or where it works."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    type = django_filters.ChoiceFilter(
        label=_("Type"), choices=OrganisatieType.choices, empty_label=_("All types")
    )

    class Meta:
        model = Organisatie
        fields = []

    def filter_zoek(self, queryset, name, value):
        for woord in value.split():
            queryset = queryset.filter(
                Q(naam__icontains=woord)
                | Q(beschrijving__icontains=woord)
                | Q(werkgebied__icontains=woord)
            )
        return queryset
