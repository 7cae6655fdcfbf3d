"""The partner board's filters (django-filter): a GET form that works without JavaScript."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import ZOEK_MAX
from coalities.constants import OrganisatieType
from coalities.models import Interesse


class InteresseFilter(django_filters.FilterSet):
    """Filter the interested organisations of one trajectory by type, lot and words.

    Pass the trajectory's lots (`percelen`, a list, already loaded) so that the choices
    cost no extra query."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_zoek",
        max_length=ZOEK_MAX,
        help_text=_("Words in the name, in what they offer or in what they look for."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    type = django_filters.ChoiceFilter(
        field_name="organisatie__type",
        label=_("Type of organisation"),
        choices=OrganisatieType.choices,
        empty_label=_("All types"),
    )
    perceel = django_filters.ChoiceFilter(
        label=_("Lot"),
        method="filter_perceel",
        empty_label=_("All lots"),
        help_text=_("Organisations interested in the whole trajectory are always shown."),
    )

    class Meta:
        model = Interesse
        fields = []

    def __init__(self, *args, percelen=(), **kwargs):
        super().__init__(*args, **kwargs)
        if percelen:
            self.filters["perceel"].extra["choices"] = [(p.pk, str(p)) for p in percelen]
        else:
            del self.filters["perceel"]

    def filter_zoek(self, queryset, name, value):
        for woord in value.split():
            queryset = queryset.filter(
                Q(organisatie__naam__icontains=woord)
                | Q(bieden__icontains=woord)
                | Q(zoeken__icontains=woord)
            )
        return queryset

    def filter_perceel(self, queryset, name, value):
        koppeling = Interesse.percelen.through.objects.filter(interesse_id=OuterRef("pk"))
        return queryset.filter(Exists(koppeling.filter(perceel_id=int(value))) | ~Exists(koppeling))

    @property
    def actieve_filters(self):
        """(label, value shown) of each filter in use, for the result heading."""
        if not self.is_bound or not self.form.is_valid():
            return []
        actief = []
        for naam, waarde in self.form.cleaned_data.items():
            if waarde in (None, ""):
                continue
            veld = self.form.fields[naam]
            if hasattr(veld, "choices"):
                keuzes = {str(k): v for k, v in veld.choices}
                weergave = keuzes.get(str(waarde), waarde)
            else:
                weergave = str(waarde)
            actief.append((veld.label, weergave))
        return actief
