"""The portal's list filters (django-filter): a GET form that works without JavaScript."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import ZOEK_MAX
from trajecten.constants import Domein, Fase, Vorm
from trajecten.models import Traject
from trajecten.selectors.portaal import (
    gemeenten_met_gepubliceerde_trajecten,
    wijknamen_met_gepubliceerde_trajecten,
)

SORTERING_SLUIT = "sluit"
SORTERING_NIEUW = "nieuw"


def einde_van_dag(dag):
    """The first moment after `dag` ends on the Dutch wall clock (aware)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    return datetime.combine(dag + timedelta(days=1), time.min, tzinfo=zone)


def op_sluitdatum(queryset, *, nu=None):
    """Open trajectories first (soonest deadline first), then the closed ones, newest first."""
    nu = nu or timezone.now()
    return queryset.annotate(
        _sluitgroep=Case(
            When(inschrijving_sluit__gt=nu, then=Value(0)),
            When(inschrijving_sluit__isnull=False, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
        _open_sluit=Case(When(inschrijving_sluit__gt=nu, then=F("inschrijving_sluit"))),
    ).order_by(
        "_sluitgroep",
        F("_open_sluit").asc(nulls_last=True),
        F("inschrijving_sluit").desc(nulls_last=True),
        "-id",
    )


class TrajectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_zoek",
        max_length=ZOEK_MAX,
        help_text=_("Words in the title, the task or the desired outcome."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    gemeente = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        queryset=lambda request: gemeenten_met_gepubliceerde_trajecten(),
        to_field_name="slug",
        empty_label=_("All municipalities"),
    )
    wijk = django_filters.ChoiceFilter(
        label=_("District"),
        method="filter_wijk",
        empty_label=_("All districts"),
    )
    domein = django_filters.ChoiceFilter(
        label=_("Domain"), choices=Domein.choices, empty_label=_("All domains")
    )
    vorm = django_filters.ChoiceFilter(
        label=_("Form of trajectory"), choices=Vorm.choices, empty_label=_("All forms")
    )
    fase = django_filters.ChoiceFilter(
        field_name="actieve_fase",
        label=_("Phase"),
        choices=[(fase.value, format_lazy("{}. {}", fase.value, fase.label)) for fase in Fase],
        empty_label=_("All phases"),
    )
    open = django_filters.BooleanFilter(
        label=_("Only open for bids"),
        method="filter_open",
        widget=forms.CheckboxInput,
    )
    sluit_voor = django_filters.DateFilter(
        label=_("Bids close before the end of"),
        method="filter_sluit_voor",
        help_text=_("A date. Dutch time."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    sortering = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="filter_niets",
        choices=[
            (SORTERING_SLUIT, _("Closing date (soonest first)")),
            (SORTERING_NIEUW, _("Newest first")),
        ],
        empty_label=None,
    )

    class Meta:
        model = Traject
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        namen = wijknamen_met_gepubliceerde_trajecten()
        self.filters["wijk"].extra["choices"] = [(naam, naam) for naam in namen]

    def filter_zoek(self, queryset, name, value):
        woorden = value.split()
        for woord in woorden:
            queryset = queryset.filter(
                Q(titel__icontains=woord)
                | Q(opgave__icontains=woord)
                | Q(wensbeeld__icontains=woord)
            )
        return queryset

    def filter_wijk(self, queryset, name, value):
        koppeling = Traject.wijken.through.objects.filter(
            traject_id=OuterRef("pk"), wijk__naam=value
        )
        return queryset.filter(Exists(koppeling))

    def filter_open(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(inschrijving_sluit__gt=timezone.now())

    def filter_sluit_voor(self, queryset, name, value):
        return queryset.filter(inschrijving_sluit__lt=einde_van_dag(value))

    def filter_niets(self, queryset, name, value):
        return queryset  # the order is set in filter_queryset, also without a choice

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sortering = (self.form.cleaned_data or {}).get("sortering") or SORTERING_SLUIT
        if sortering == SORTERING_NIEUW:
            return queryset.order_by("-gepubliceerd_op", "-id")
        return op_sluitdatum(queryset)

    @property
    def actieve_filters(self):
        """(label, value shown) of each filter in use, for the result heading."""
        if not self.is_bound or not self.form.is_valid():
            return []
        actief = []
        for naam, waarde in self.form.cleaned_data.items():
            if naam == "sortering" or waarde in (None, "", False):
                continue
            veld = self.form.fields[naam]
            if hasattr(veld, "choices") and naam != "gemeente":
                weergave = dict(veld.choices).get(waarde, waarde)
            elif naam == "open":
                weergave = _("yes")
            elif naam == "sluit_voor":
                weergave = date_format(waarde, "j F Y")
            else:
                weergave = str(waarde)
            actief.append((veld.label, weergave))
        return actief
