"""The admin of phase C.

THE SEALED VAULT: `Bod`, `BodVersie`, `Bijlage`, `KluisOpening`, declarations, scores and
assessments are deliberately NOT registered. A bid's content is read only through
`beoordeling.selectors.kluis`, and platform administrators never see it, not here either
(`tests/test_sealed_vault.py` asks every admin URL). Do not register them.

The core's document and audit admins would show the traces of bids: a receipt's frozen
context (bidder, attachment names, hashes) and the events of submitting. So phase C
registers its target types as sealed (`aanbesteden.admin.verzegeld_registreren` in
`BeoordelingConfig.ready()`): the documents about them, and the audit events about them
and their documents, are left out of the admin. They stay in the database and on the
bidders' own pages.
"""

from django.contrib import admin

from aanbesteden.admin import AlleenLezen
from beoordeling.models import Commissielid


@admin.register(Commissielid)
class CommissielidAdmin(AlleenLezen, admin.ModelAdmin):
    """Who sits on which committee, read-only: the officers compose it in the app."""

    list_display = ["user", "traject", "is_bewoner", "is_voorzitter"]
    list_filter = ["is_bewoner", "is_voorzitter"]
    list_select_related = ["user", "traject"]
    search_fields = ["user__email", "traject__titel"]
    fields = ["traject", "user", "is_bewoner", "is_voorzitter", "toegevoegd_op"]
    readonly_fields = fields
