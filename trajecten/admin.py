"""Administration of phase A.

Trajectories change only through their services (audit log, corrections after
publication), so their content is read-only here. What the platform
administrator keeps up to date: the EU thresholds (dated settings) and the
districts of each municipality.
"""

from django.contrib import admin

from aanbesteden.admin import AlleenLezen
from trajecten import models as m


class PerceelInline(AlleenLezen, admin.TabularInline):
    model = m.Perceel
    fields = ["nummer", "naam", "budget"]


class CriteriumInline(AlleenLezen, admin.TabularInline):
    model = m.Criterium
    fields = ["volgorde", "naam", "weging", "schaal_min", "schaal_max"]


@admin.register(m.Traject)
class TrajectAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["titel", "gemeente", "status", "actieve_fase", "inschrijving_sluit"]
    list_filter = ["status", "actieve_fase", "vorm", "gemeente"]
    search_fields = ["titel"]
    inlines = [PerceelInline, CriteriumInline]


@admin.register(m.Drempelwaarde)
class DrempelwaardeAdmin(admin.ModelAdmin):
    list_display = ["soort", "bedrag", "geldig_vanaf", "geldig_tot"]
    list_filter = ["soort"]


@admin.register(m.Wijk)
class WijkAdmin(admin.ModelAdmin):
    list_display = ["naam", "gemeente"]
    list_filter = ["gemeente"]
    search_fields = ["naam"]


@admin.register(m.Uitdaging)
class UitdagingAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["titel", "gemeente", "status", "created_at"]
    list_filter = ["status", "gemeente"]


@admin.register(m.Bijeenkomst)
class BijeenkomstAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["titel", "traject", "begint_op"]


@admin.register(m.Rectificatie)
class RectificatieAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["traject", "nummer", "gepubliceerd_op"]


@admin.register(m.UitvraagVersie)
class UitvraagVersieAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["traject", "versie", "aanleiding", "openbaar", "created_at"]
