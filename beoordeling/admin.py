"""The admin of phase C.

THE SEALED VAULT: `Bod`, `BodVersie`, `Bijlage`, `KluisOpening`, declarations, scores and
assessments are deliberately NOT registered. A bid's content is read only through
`beoordeling.selectors.kluis`, and platform administrators never see it, not here either
(`tests/test_sealed_vault.py` asks every admin URL). Do not register them.

The core's document and audit admins would show the traces of bids: a receipt's frozen
context (bidder, attachment names, hashes) and the events of submitting. So the documents
about phase C objects, and the audit events about those objects and their documents, are
left out of the admin here (the admin of a later app may narrow the core's, never the
other way round). They stay in the database and on the bidders' own pages.
"""

from django.contrib import admin
from django.db.models import CharField, Q
from django.db.models.functions import Cast

from aanbesteden.admin import AuditEventAdmin, DocumentAdmin
from aanbesteden.models import AuditEvent, Document
from beoordeling.models import Commissielid

VERZEGELD = "beoordeling."  # target_type prefix: every phase C object


def _verzegelde_document_ids():
    return (
        Document.objects.filter(target_type__startswith=VERZEGELD)
        .annotate(pk_tekst=Cast("pk", CharField()))
        .values("pk_tekst")
    )


class VerzegeldDocumentAdmin(DocumentAdmin):
    def get_queryset(self, request):
        return super().get_queryset(request).exclude(target_type__startswith=VERZEGELD)


class VerzegeldAuditEventAdmin(AuditEventAdmin):
    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .exclude(
                Q(target_type__startswith=VERZEGELD)
                | Q(target_type="aanbesteden.document", target_id__in=_verzegelde_document_ids())
            )
        )


admin.site.unregister(Document)
admin.site.register(Document, VerzegeldDocumentAdmin)
admin.site.unregister(AuditEvent)
admin.site.register(AuditEvent, VerzegeldAuditEventAdmin)


@admin.register(Commissielid)
class CommissielidAdmin(admin.ModelAdmin):
    """Who sits on which committee, read-only: the officers compose it in the app."""

    list_display = ["user", "traject", "is_bewoner", "is_voorzitter"]
    list_filter = ["is_bewoner", "is_voorzitter"]
    list_select_related = ["user", "traject"]
    search_fields = ["user__email", "traject__titel"]
    fields = ["traject", "user", "is_bewoner", "is_voorzitter", "toegevoegd_op"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
