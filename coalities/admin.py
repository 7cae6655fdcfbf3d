"""The admin of phase B: read-only.

Memberships, coalition partners and invitations change only through the services
(`coalities.services`), which lock, check, write an audit event and tell the organisation's
administrators. An editable membership here would let the platform administrator make itself a
member of a bidding organisation and read its sealed bid (tests/test_sealed_vault.py tries it).
"""

from django.contrib import admin

from aanbesteden.admin import AlleenLezen
from coalities.models import Lidmaatschap, Organisatie


class LidmaatschapInline(AlleenLezen, admin.TabularInline):
    model = Lidmaatschap
    fields = ["user", "rol"]


@admin.register(Organisatie)
class OrganisatieAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["naam", "type"]
    list_filter = ["type"]
    search_fields = ["naam"]
    inlines = [LidmaatschapInline]
